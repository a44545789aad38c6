#include "nfc/emulator/ptypn532.h"

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>

namespace tapledger::nfc {

Result<std::unique_ptr<PtyPn532>> PtyPn532::start(std::shared_ptr<Pn532Emulator> chip, const std::filesystem::path &link)
{
    const int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) {
        if (master >= 0)
            ::close(master);
        return fail(ErrorCode::Io, "cannot create a pseudo-terminal");
    }
    std::array<char, 128> name{};
    if (ptsname_r(master, name.data(), name.size()) != 0) {
        ::close(master);
        return fail(ErrorCode::Io, "cannot name the pseudo-terminal");
    }
    // The master side must not translate anything either (raw bytes both ways).
    termios tio{};
    if (tcgetattr(master, &tio) == 0) {
        cfmakeraw(&tio);
        tcsetattr(master, TCSANOW, &tio);
    }
    if (!link.empty()) {
        std::error_code ec;
        if (std::filesystem::is_symlink(link, ec))
            std::filesystem::remove(link, ec);
        else if (std::filesystem::exists(link, ec)) {
            ::close(master);
            return fail(ErrorCode::AlreadyExists, link.string() + " exists and is not a symlink");
        }
        std::filesystem::create_symlink(name.data(), link, ec);
        if (ec) {
            ::close(master);
            return fail(ErrorCode::Io, "cannot create symlink " + link.string());
        }
    }
    std::unique_ptr<PtyPn532> pty(new PtyPn532(std::move(chip), master, name.data(), link));
    pty->m_thread = std::thread([p = pty.get()] { p->run(); });
    return pty;
}

PtyPn532::PtyPn532(std::shared_ptr<Pn532Emulator> chip, int master, std::string slave, std::filesystem::path link)
    : m_chip(std::move(chip)), m_master(master), m_slave(std::move(slave)), m_link(std::move(link))
{
}

PtyPn532::~PtyPn532()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    ::close(m_master);
    if (!m_link.empty()) {
        std::error_code ec;
        std::filesystem::remove(m_link, ec);
    }
}

std::string PtyPn532::connString() const
{
    return "pn532_uart:" + (m_link.empty() ? m_slave : m_link.string());
}

void PtyPn532::run()
{
    std::array<uint8_t, 1024> buf{};
    while (!m_stop) {
        pollfd pfd{m_master, POLLIN, 0};
        const int n = ::poll(&pfd, 1, 50);
        if (n < 0 && errno != EINTR)
            break;
        if (n <= 0)
            continue;
        if (pfd.revents & POLLIN) {
            const ssize_t got = ::read(m_master, buf.data(), buf.size());
            if (got > 0) {
                const Bytes out = m_chip->feed(ByteView(buf.data(), static_cast<size_t>(got)));
                size_t done = 0;
                while (done < out.size()) {
                    const ssize_t w = ::write(m_master, out.data() + done, out.size() - done);
                    if (w < 0 && errno == EINTR)
                        continue;
                    if (w <= 0)
                        break; // the client went away mid-answer
                    done += static_cast<size_t>(w);
                }
                continue;
            }
        }
        // No client has the slave open (POLLHUP / EIO): wait for one.
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

} // namespace tapledger::nfc
