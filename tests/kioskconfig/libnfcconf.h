#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tapledger::test {

/// A libnfc.conf file as libnfc 1.8.0 reads it (libnfc/conf.c: parse_line, conf_keyvalue_context):
/// what it accepts, and what it would silently skip (it only logs those at LIBNFC_LOG_LEVEL=3).
struct LibnfcConf
{
    /// One user-defined reader (device.name + device.connstring).
    struct Device
    {
        std::string name;
        std::string connstring;
    };

    std::vector<Device> devices;
    std::vector<std::string> settings; ///< "key=value" of the non-device keys, in file order
    std::vector<std::string> problems; ///< "line N: ..." for lines libnfc would ignore or misread
};

/// Parses @p text with libnfc 1.8.0's grammar: a line starting with '#' or empty is skipped;
/// otherwise `[space] key [space] = [space] value [space]` where key is [A-Za-z0-9_.]+ and value is
/// "quoted" (no '"' inside) or a run of non-space characters. Known keys: allow_autoscan,
/// allow_intrusive_scan, log_level, device.name, device.connstring, device.optional.
/// @p devicesDir: the file is a /etc/nfc/devices.d/ file, whose keys libnfc prefixes with "device.".
LibnfcConf parseLibnfcConf(std::string_view text, bool devicesDir = false);

} // namespace tapledger::test
