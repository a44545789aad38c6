#include "nfc/readerdoctor.h"

#include "core/bytes.h"

#include <nfc/nfc.h>

#include <unistd.h>

#include <fstream>
#include <memory>

namespace tapledger::nfc {

namespace {

namespace fs = std::filesystem;

struct ContextDeleter
{
    void operator()(nfc_context *c) const { nfc_exit(c); }
};
struct DeviceDeleter
{
    void operator()(nfc_device *d) const { nfc_close(d); }
};

std::string driverOf(const std::string &connString)
{
    return connString.substr(0, connString.find(':'));
}

/// The device node of a serial, I2C or SPI connection string ("pn532_uart:/dev/ttyUSB0:115200").
std::string portOf(const std::string &connString)
{
    const auto colon = connString.find(':');
    if (colon == std::string::npos)
        return {};
    const std::string rest = connString.substr(colon + 1);
    return rest.substr(0, rest.find(':'));
}

bool processRunning(const fs::path &proc, const std::string &name)
{
    std::error_code ec;
    for (fs::directory_iterator it(proc, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string pid = it->path().filename().string();
        if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::ifstream in(it->path() / "comm");
        std::string comm;
        if (std::getline(in, comm) && comm == name)
            return true;
    }
    return false;
}

void checkConflicts(const std::string &driver, const std::string &port, const ReaderDoctor::Roots &roots,
                    std::vector<DoctorReport::Finding> &out)
{
    std::error_code ec;
    const bool usb = driver == "acr122_usb" || driver == "pn53x_usb";
    if (usb) {
        for (const char *module : {"pn533_usb", "pn533"})
            if (fs::exists(roots.sys / "module" / module, ec))
                out.push_back({std::string("kernel module ") + module + " is loaded and claims the reader",
                               "install firmware-config/modprobe.d/blacklist-pn533.conf in /etc/modprobe.d/, then "
                               "`modprobe -r pn533_usb pn533 nfc`"});
        if (processRunning(roots.proc, "pcscd"))
            out.push_back({"pcscd is running and holds USB smart-card readers",
                           "`systemctl disable --now pcscd.socket pcscd.service` (libnfc drives the reader itself)"});
    }
    const bool node = driver == "pn532_uart" || driver == "pn532_i2c" || driver == "pn532_spi" ||
                      driver == "arygon" || driver == "acr122s";
    if (node && !port.empty()) {
        if (!fs::exists(port, ec)) {
            out.push_back({"no device " + port, "check the cable and the board's interface switches; `ls -l " + port +
                                                    "`; firmware-config/udev/99-tapledger-readers.rules makes stable links"});
        } else if (::access(port.c_str(), R_OK | W_OK) != 0) {
            out.push_back({"no read/write access to " + port + " for this user",
                           "install firmware-config/udev/99-tapledger-readers.rules (group plugdev, mode 0660) and "
                           "add the user to plugdev, then log in again"});
        }
        if (driver == "pn532_uart" && processRunning(roots.proc, "ModemManager"))
            out.push_back({"ModemManager is running and may probe the serial port with AT commands",
                           "keep the udev rule's ENV{ID_MM_DEVICE_IGNORE}=\"1\", or `systemctl disable --now "
                           "ModemManager`"});
    }
}

} // namespace

DoctorReport ReaderDoctor::examine(const std::string &connString, const Roots &roots)
{
    DoctorReport r;
    r.connString = connString;
    const std::string driver = driverOf(connString);
    if (driver.empty()) {
        r.findings.push_back({"no reader named", "give --device, e.g. acr122_usb, pn532_uart:/dev/ttyUSB0, "
                                                 "pn532_i2c:/dev/i2c-1, pn532_spi:/dev/spidev0.0"});
        return r;
    }
    checkConflicts(driver, portOf(connString), roots, r.findings);

    nfc_context *raw = nullptr;
    nfc_init(&raw);
    const std::unique_ptr<nfc_context, ContextDeleter> context(raw);
    if (!context) {
        r.findings.push_back({"libnfc could not start", "reinstall libnfc6 (Debian) and check /etc/nfc/libnfc.conf"});
        return r;
    }
    const std::unique_ptr<nfc_device, DeviceDeleter> device(nfc_open(context.get(), connString.c_str()));
    if (!device) {
        r.findings.push_back({"libnfc cannot open " + connString,
                              "check the connection string (`nfc-scan-device -v`) and the findings above"});
        return r;
    }
    if (nfc_initiator_init(device.get()) < 0) {
        r.findings.push_back({"the reader did not start as initiator: " + std::string(nfc_strerror(device.get())),
                              "unplug and replug the reader; check its power supply"});
        return r;
    }
    r.opened = true;
    r.device = nfc_device_get_name(device.get());
    char *info = nullptr;
    if (nfc_device_get_information_about(device.get(), &info) >= 0 && info) {
        const std::string text(info);
        nfc_free(info);
        // First line: "<name> (via <driver>)"; the chip and firmware follow as "chip: PN532 v1.6".
        const auto chip = text.find("chip: ");
        if (chip != std::string::npos)
            r.firmware = text.substr(chip + 6, text.find('\n', chip) - chip - 6);
    }
    const nfc_modulation iso14443a{NMT_ISO14443A, NBR_106};
    nfc_target targets[4];
    const int n = nfc_initiator_list_passive_targets(device.get(), iso14443a, targets, 4);
    for (int i = 0; i < n; ++i) {
        const nfc_iso14443a_info &t = targets[i].nti.nai;
        // libnfc packs its target structs (pragma pack(1)): szUidLen sits misaligned, so it is
        // copied out by value before std::min binds a reference to it (UBSan: misaligned load).
        const size_t uidLen = t.szUidLen;
        const ByteView uid(t.abtUid, std::min(uidLen, sizeof t.abtUid));
        std::string line = "ISO14443A uid " + toHex(uid);
        if (t.btSak & 0x20)
            line += " (ISO 14443-4";
        if ((t.btSak & 0x20) && t.abtAtqa[0] == 0x03 && t.abtAtqa[1] == 0x44)
            line += ", DESFire";
        if (t.btSak & 0x20)
            line += ")";
        if (uid.size() == 4 && uid[0] == 0x08)
            line += ", random UID";
        r.targets.push_back(line);
    }
    return r;
}

} // namespace tapledger::nfc
