import LamTheoApp

// First, before anything async: see `runTasksOnEventLoops`.
LamTheoMain.runTasksOnEventLoops()
try await LamTheoMain.run()
