#include "core/fileio.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace tapledger {

Result<void> writeFileAtomic(const std::filesystem::path &path, std::string_view content, mode_t mode)
{
    const std::string tmp = path.string() + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0)
        return fail(ErrorCode::Io, "cannot write " + tmp + ": " + std::strerror(errno));
    size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ::close(fd);
            return fail(ErrorCode::Io, "cannot write " + tmp + ": " + std::strerror(errno));
        }
        done += static_cast<size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced || std::rename(tmp.c_str(), path.c_str()) != 0)
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

} // namespace tapledger
