#include "libnfcconf.h"

#include <cctype>

namespace tapledger::test {

namespace {

bool space(char c)
{
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// libnfc's string_as_boolean(): anything else leaves the setting unchanged.
bool libnfcBoolean(const std::string &v)
{
    return v == "true" || v == "True" || v == "1" || v == "false" || v == "False" || v == "0";
}

// parse_line() of libnfc 1.8.0; false where libnfc logs "Parse error on line".
bool parseLine(std::string_view line, std::string &key, std::string &value)
{
    size_t i = 0;
    while (i < line.size() && space(line[i]))
        ++i;
    const size_t keyStart = i;
    while (i < line.size() &&
           (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_' || line[i] == '.'))
        ++i;
    if (i == keyStart || i == line.size())
        return false;
    key = std::string(line.substr(keyStart, i - keyStart));
    while (i < line.size() && space(line[i]))
        ++i;
    if (i == line.size() || line[i] != '=')
        return false;
    ++i;
    while (i < line.size() && space(line[i]))
        ++i;
    if (i == line.size())
        return false;
    size_t end = 0;
    if (line[i] == '"') {
        const size_t close = line.find('"', i + 1);
        if (close == std::string_view::npos)
            return false;
        value = std::string(line.substr(i + 1, close - i - 1));
        end = close + 1;
    } else {
        end = i;
        while (end < line.size() && !space(line[end]))
            ++end;
        value = std::string(line.substr(i, end - i));
    }
    for (; end < line.size(); ++end)
        if (!space(line[end]))
            return false;
    return true;
}

} // namespace

LibnfcConf parseLibnfcConf(std::string_view text, bool devicesDir)
{
    LibnfcConf conf;
    int lineno = 0;
    bool pendingName = false;
    while (!text.empty()) {
        const size_t nl = text.find('\n');
        const std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        ++lineno;
        const std::string where = "line " + std::to_string(lineno) + ": ";
        if (line.empty() || line[0] == '#')
            continue;
        std::string key;
        std::string value;
        if (!parseLine(line, key, value)) {
            conf.problems.push_back(where + "libnfc cannot parse \"" + std::string(line) + "\"");
            continue;
        }
        if (devicesDir)
            key = "device." + key;
        if (key == "device.name") {
            if (pendingName)
                conf.problems.push_back(where + "device.name without a device.connstring before it");
            conf.devices.push_back({value, {}});
            pendingName = true;
        } else if (key == "device.connstring") {
            if (!pendingName) {
                conf.problems.push_back(where + "device.connstring without a device.name before it");
                conf.devices.push_back({{}, value});
            } else {
                conf.devices.back().connstring = value;
            }
            pendingName = false;
        } else if (key == "allow_autoscan" || key == "allow_intrusive_scan" || key == "device.optional") {
            if (!libnfcBoolean(value))
                conf.problems.push_back(where + key + " = " + value +
                                        ": libnfc reads only true/True/1/false/False/0");
            conf.settings.push_back(key + "=" + value);
        } else if (key == "log_level") {
            if (value.size() != 1 || value[0] < '0' || value[0] > '3')
                conf.problems.push_back(where + "log_level must be 0..3");
            conf.settings.push_back(key + "=" + value);
        } else {
            conf.problems.push_back(where + "unknown key " + key + " (libnfc ignores it)");
        }
    }
    if (pendingName)
        conf.problems.push_back("device.name without a device.connstring");
    return conf;
}

} // namespace tapledger::test
