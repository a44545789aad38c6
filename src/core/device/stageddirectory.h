#pragma once

#include "core/result.h"

#include <filesystem>
#include <string>

namespace tapledger {

/// A directory built beside its target and renamed into place in one step, so a failed or
/// interrupted `init` leaves nothing behind that looks like a data directory (rename(2) is
/// atomic within one file system). The staging directory is hidden (".tapledger-init-XXXXXX",
/// mode 0700, made by mkdtemp(3)) and removed by the destructor unless commit() moved it.
class StagedDirectory
{
public:
    /// Stages a new directory for @p target, which must not exist or be an empty directory.
    /// AlreadyExists "<target> already holds data; refusing to overwrite @p what" (or "… exists and
    /// is not a directory"); NotFound when the parent directory is missing; Io when the staging
    /// directory cannot be made.
    static Result<StagedDirectory> create(const std::filesystem::path &target, const std::string &what);

    StagedDirectory(StagedDirectory &&other) noexcept;
    StagedDirectory &operator=(StagedDirectory &&) = delete;
    StagedDirectory(const StagedDirectory &) = delete;
    ~StagedDirectory();

    /// Where to write the directory's files.
    const std::filesystem::path &path() const noexcept { return m_path; }
    /// Renames the staged directory onto the target (removing the empty target first). Io when it
    /// cannot; the staging directory is then removed by the destructor. Call at most once.
    Result<void> commit();

private:
    StagedDirectory(std::filesystem::path staging, std::filesystem::path target);
    std::filesystem::path m_path;
    std::filesystem::path m_target;
    bool m_armed = true;
};

} // namespace tapledger
