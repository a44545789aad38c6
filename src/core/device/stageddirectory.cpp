#include "core/device/stageddirectory.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace fs = std::filesystem;

namespace tapledger {

Result<StagedDirectory> StagedDirectory::create(const fs::path &target, const std::string &what)
{
    std::error_code ec;
    if (fs::exists(target, ec)) {
        if (!fs::is_directory(target, ec))
            return fail(ErrorCode::AlreadyExists, target.string() + " exists and is not a directory");
        if (!fs::is_empty(target, ec))
            return fail(ErrorCode::AlreadyExists, target.string() + " already holds data; refusing to overwrite " + what);
    }
    const fs::path parent = fs::absolute(target, ec).parent_path();
    if (!fs::is_directory(parent, ec))
        return fail(ErrorCode::NotFound, "parent directory " + parent.string() + " does not exist");
    std::string tmpl = (parent / ".tapledger-init-XXXXXX").string();
    if (!::mkdtemp(tmpl.data()))
        return fail(ErrorCode::Io, "cannot create a directory in " + parent.string() + ": " + std::strerror(errno));
    return StagedDirectory(fs::path(tmpl), target);
}

StagedDirectory::StagedDirectory(fs::path staging, fs::path target)
    : m_path(std::move(staging)), m_target(std::move(target))
{
}

StagedDirectory::StagedDirectory(StagedDirectory &&other) noexcept
    : m_path(std::move(other.m_path)), m_target(std::move(other.m_target)), m_armed(other.m_armed)
{
    other.m_armed = false;
}

StagedDirectory::~StagedDirectory()
{
    std::error_code ignored;
    if (m_armed)
        fs::remove_all(m_path, ignored);
}

Result<void> StagedDirectory::commit()
{
    std::error_code ec;
    if (fs::exists(m_target, ec))
        fs::remove(m_target, ec); // the empty directory create() accepted
    fs::rename(m_path, m_target, ec);
    if (ec)
        return fail(ErrorCode::Io, "cannot move the new directory " + m_target.string() + " into place: " + ec.message());
    m_armed = false;
    return {};
}

} // namespace tapledger
