#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tapledger::nfc {

/// What `tapledger card doctor` found about one reader: whether libnfc opens it, its chip and
/// firmware, the tags in the field, and the usual conflicts with their fix. Never key material.
struct DoctorReport
{
    /// One finding: a conflict or a problem, with the command or file that fixes it.
    struct Finding
    {
        std::string problem; ///< one line, e.g. "kernel module pn533_usb is loaded"
        std::string fix;     ///< one line a technician can run or follow
    };

    std::string connString;            ///< as given, e.g. "pn532_uart:/dev/ttyUSB0"
    bool opened = false;               ///< libnfc opened the device and initialised it as initiator
    std::string device;                ///< libnfc's device name ("" when not opened)
    std::string firmware;              ///< chip and firmware line, e.g. "PN532 v1.6"
    std::vector<std::string> targets;  ///< tags in the field: "ISO14443A uid <hex> (ISO 14443-4)"
    std::vector<Finding> findings;     ///< empty when nothing is wrong

    /// True when the reader opened and no conflict was found.
    bool healthy() const noexcept { return opened && findings.empty(); }
};

/// Examines a reader the way an installer would (DESIGN.md "Cards": ACR122U needs acr122_usb
/// with the pn533 kernel modules unloaded and pcscd stopped; PN532 boards on UART/I2C/SPI need
/// read/write access to their device node). The file-system roots are parameters so that tests
/// can present a prepared /sys and /proc.
class ReaderDoctor
{
public:
    /// Roots of the kernel's views (the real ones by default).
    struct Roots
    {
        std::filesystem::path sys = "/sys";   ///< /sys/module/<name> exists while a module is loaded
        std::filesystem::path proc = "/proc"; ///< /proc/<pid>/comm names running processes
    };

    /// Checks for conflicts, then opens @p connString with libnfc (driver[:port[:speed]]; "" is
    /// refused: name the reader), reads its firmware and lists ISO 14443A tags in the field.
    static DoctorReport examine(const std::string &connString, const Roots &roots);
    /// examine() with the real /sys and /proc.
    static DoctorReport examine(const std::string &connString) { return examine(connString, Roots{}); }
};

} // namespace tapledger::nfc
