#include "nfc/emulator/ptypn532.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
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
    const int wake = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (wake < 0) {
        ::close(master);
        return fail(ErrorCode::Io, "cannot create an eventfd");
    }
    std::unique_ptr<PtyPn532> pty(new PtyPn532(std::move(chip), master, wake, name.data(), link));
    pty->m_chip->setWakeHandler([wake] {
        const uint64_t one = 1;
        [[maybe_unused]] const ssize_t w = ::write(wake, &one, sizeof one);
    });
    pty->m_thread = std::thread([p = pty.get()] { p->run(); });
    return pty;
}

PtyPn532::PtyPn532(std::shared_ptr<Pn532Emulator> chip, int master, int wake, std::string slave,
                   std::filesystem::path link)
    : m_chip(std::move(chip)), m_master(master), m_wake(wake), m_slave(std::move(slave)), m_link(std::move(link))
{
}

PtyPn532::~PtyPn532()
{
    m_stop = true;
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t w = ::write(m_wake, &one, sizeof one);
    if (m_thread.joinable())
        m_thread.join();
    m_chip->setWakeHandler({});
    ::close(m_master);
    ::close(m_wake);
    if (!m_link.empty()) {
        std::error_code ec;
        std::filesystem::remove(m_link, ec);
    }
}

std::string PtyPn532::connString() const
{
    return "pn532_uart:" + (m_link.empty() ? m_slave : m_link.string());
}

bool PtyPn532::writeAll(const Bytes &out) const
{
    size_t done = 0;
    while (done < out.size()) {
        const ssize_t w = ::write(m_master, out.data() + done, out.size() - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false; // the client went away mid-answer
        done += static_cast<size_t>(w);
    }
    return true;
}

void PtyPn532::run()
{
    std::array<uint8_t, 1024> buf{};
    while (!m_stop) {
        // Sleep until the host writes, a target enters the field during an InAutoPoll (the wake
        // eventfd) or the poll gives up: no timer ticks while the reader is idle.
        int timeoutMs = -1;
        if (const auto deadline = m_chip->pollDeadline()) {
            const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - std::chrono::steady_clock::now());
            timeoutMs = static_cast<int>(std::max<std::chrono::milliseconds::rep>(0, left.count()));
        }
        std::array<pollfd, 2> pfd{pollfd{m_master, POLLIN, 0}, pollfd{m_wake, POLLIN, 0}};
        const int n = ::poll(pfd.data(), pfd.size(), timeoutMs);
        if (n < 0 && errno != EINTR)
            break;
        if (pfd[1].revents & POLLIN) {
            uint64_t count = 0;
            [[maybe_unused]] const ssize_t r = ::read(m_wake, &count, sizeof count);
        }
        bool idle = true;
        if (pfd[0].revents & POLLIN) {
            const ssize_t got = ::read(m_master, buf.data(), buf.size());
            if (got > 0) {
                idle = false;
                writeAll(m_chip->feed(ByteView(buf.data(), static_cast<size_t>(got))));
            }
        }
        const Bytes late = m_chip->pollAnswer(std::chrono::steady_clock::now());
        if (!late.empty()) {
            idle = false;
            writeAll(late);
        }
        // No client has the slave open (POLLHUP / EIO): wait for one.
        if (idle && (pfd[0].revents & (POLLHUP | POLLERR)))
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

} // namespace tapledger::nfc
