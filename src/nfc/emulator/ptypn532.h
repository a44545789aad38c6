#pragma once

#include "core/result.h"
#include "nfc/emulator/pn532emulator.h"

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

namespace tapledger::nfc {

/// Serves a Pn532Emulator on a pseudo-terminal (POSIX posix_openpt) so that libnfc's own
/// pn532_uart driver can open it: `nfc_open(ctx, "pn532_uart:<slavePath()>")` with
/// LIBNFC_AUTO_SCAN=false. A background thread pumps bytes between the pty master and the
/// emulator; it sleeps in poll(2) until the host writes, a pending InAutoPoll has its target (the
/// chip's wake handler) or the poll's deadline, so an idle reader costs no CPU. Clients may open
/// and close the port any number of times.
class PtyPn532
{
public:
    /// Opens a pty and starts serving @p chip. With @p link, also creates a symlink to the slave
    /// (replacing an existing symlink, refusing to replace anything else). Io error on failure.
    static Result<std::unique_ptr<PtyPn532>> start(std::shared_ptr<Pn532Emulator> chip,
                                                   const std::filesystem::path &link = {});
    ~PtyPn532();
    PtyPn532(const PtyPn532 &) = delete;
    PtyPn532 &operator=(const PtyPn532 &) = delete;

    /// The slave device path, e.g. /dev/pts/7.
    const std::string &slavePath() const noexcept { return m_slave; }
    /// The libnfc connection string for this port: "pn532_uart:<path>" (the link when one was made).
    std::string connString() const;
    /// The emulated chip (card control and fault injection).
    Pn532Emulator &chip() noexcept { return *m_chip; }

private:
    PtyPn532(std::shared_ptr<Pn532Emulator> chip, int master, int wake, std::string slave, std::filesystem::path link);
    void run();
    bool writeAll(const Bytes &out) const;

    std::shared_ptr<Pn532Emulator> m_chip;
    int m_master = -1;
    int m_wake = -1; // eventfd: a target entered the field, or the destructor wants the thread back
    std::string m_slave;
    std::filesystem::path m_link;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace tapledger::nfc
