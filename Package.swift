// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "LamTheo",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lamtheo", targets: ["lamtheo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // Vapor's own dependencies, named for the SMTP client (Platform/Mail).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        // The metrics endpoint (Platform/Metrics): swift-metrics is Vapor's own, named for its API.
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
    ],
    targets: [
        .target(name: "LamTheoCore"),
        .target(name: "LamTheoSpreadsheet", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "LamTheoDocx", dependencies: ["LamTheoCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(
            name: "LamTheoApp",
            dependencies: [
                "LamTheoCore",
                "LamTheoSpreadsheet",
                "LamTheoDocx",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .executableTarget(name: "lamtheo", dependencies: ["LamTheoApp"]),
        .testTarget(name: "LamTheoCoreTests", dependencies: ["LamTheoCore"]),
        .testTarget(name: "LamTheoSpreadsheetTests", dependencies: ["LamTheoSpreadsheet"]),
        .testTarget(name: "LamTheoDocxTests", dependencies: ["LamTheoDocx"]),
        .testTarget(
            name: "LamTheoAppTests",
            dependencies: [
                "LamTheoApp",
                .product(name: "XCTVapor", package: "vapor"),
                .product(name: "VaporTesting", package: "vapor"),
            ],
            // The test SMTP server, run with python3 (TestSMTPServer).
            exclude: ["Support/smtp_server.py"]
        ),
    ]
)
