/// The one check for every redirect target that comes from outside (`next=`, `back=`): a path on this
/// site, or nothing. Browsers read `//host`, `/\host` and `/<tab>/host` as another site, so a target must
/// start with one slash followed by something else, and hold no backslash, space or control character.
enum LocalPath {
    static func validated(_ path: String?) -> String? {
        guard let path, path.hasPrefix("/"), path.utf8.count <= 2_048 else { return nil }
        let second = path.unicodeScalars.dropFirst().first
        guard second != "/", second != "\\" else { return nil }
        let unsafe = path.unicodeScalars.contains { scalar in
            scalar == "\\" || scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .format
        }
        return unsafe ? nil : path
    }
}
