#include "core/fileio.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace tapledger {

namespace {
// Writes all of @p content to @p fd, fsyncs and closes it (closed on every path).
Result<void> writeAllAndSync(int fd, const std::string &name, std::string_view content)
{
    size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ::close(fd);
            return fail(ErrorCode::Io, "cannot write " + name + ": " + std::strerror(errno));
        }
        done += static_cast<size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced)
        return fail(ErrorCode::Io, "cannot sync " + name);
    return {};
}
} // namespace

Result<void> writeFileAtomic(const std::filesystem::path &path, std::string_view content, mode_t mode)
{
    const std::string tmp = path.string() + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0)
        return fail(ErrorCode::Io, "cannot write " + tmp + ": " + std::strerror(errno));
    TL_TRY(writeAllAndSync(fd, tmp, content));
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
        return fail(ErrorCode::Io, "cannot replace " + path.string() + ": " + std::strerror(errno));
    // The rename is durable only once the directory is: without this a power cut can bring the
    // old file back after the caller was told the new one is written.
    const std::filesystem::path parent = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const int dir = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
        return fail(ErrorCode::Io, "cannot sync " + parent.string() + ": " + std::strerror(errno));
    const bool dirSynced = ::fsync(dir) == 0;
    const int err = errno;
    ::close(dir);
    if (!dirSynced)
        return fail(ErrorCode::Io, "cannot sync " + parent.string() + ": " + std::strerror(err));
    return {};
}

Result<void> writeFileExclusive(const std::filesystem::path &path, std::string_view content, mode_t mode)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return fail(ErrorCode::Io, "cannot create " + path.string() + ": " + std::strerror(errno));
    return writeAllAndSync(fd, path.string(), content);
}

Result<std::string> readSmallFile(const std::filesystem::path &path, std::string_view what)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::NotFound, std::string(what) + " missing: " + path.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Result<std::string> readPrivateKeyFile(const std::filesystem::path &path, std::string_view what)
{
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0)
        return fail(ErrorCode::NotFound, std::string(what) + " missing: " + path.string());
    if (st.st_mode & (S_IRWXG | S_IRWXO))
        return fail(ErrorCode::Denied, std::string(what) + " " + path.string() +
                                           " is accessible by group or others; run: chmod 600 " + path.string());
    return readSmallFile(path, what);
}

} // namespace tapledger
