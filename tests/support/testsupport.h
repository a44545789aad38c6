#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tapledger::test {

/// A fresh empty directory under the system temp dir, removed (recursively) on destruction.
class TempDir
{
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;
    const std::filesystem::path &path() const noexcept { return m_path; }

private:
    std::filesystem::path m_path;
};

/// tests/data/<relative>.
std::filesystem::path dataPath(const std::string &relative);

/// Reads a whole file; fails the current test (and returns "") when it cannot.
std::string readFile(const std::filesystem::path &path);

/// Compares @p actual with the golden file tests/data/<relative>. A missing golden file is a
/// failure, never created silently; on mismatch writes <golden>.fail beside it and reports a diff hint.
void expectMatchesGolden(const std::string &actual, const std::string &relative);

/// Result of running a child process.
struct ProcessResult
{
    int exitCode = -1; ///< exit status, or 128+signal
    std::string out;   ///< standard output
    std::string err;   ///< standard error
};

/// Runs @p argv (argv[0] is a path or a name on PATH) without a shell, capturing stdout and stderr.
ProcessResult runProcess(const std::vector<std::string> &argv);

/// Path of the built `tapledger` CLI.
std::string cliPath();

} // namespace tapledger::test
