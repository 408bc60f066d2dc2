import LamTheoApp
try await LamTheoMain.run()
