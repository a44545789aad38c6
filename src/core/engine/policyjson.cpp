#include "core/engine/policyjson_p.h"

#include "core/money.h"

namespace tapledger {

PolicyJson::PolicyJson(const nlohmann::json &j, std::string path) : m_j(j), m_path(std::move(path))
{
    if (!m_j.is_object())
        throw PolicyJsonError{(m_path.empty() ? std::string("the policy") : m_path) + ": must be a JSON object"};
}

std::string PolicyJson::at(const std::string &key) const
{
    return m_path.empty() ? key : m_path + "." + key;
}

bool PolicyJson::has(const std::string &key) const
{
    return m_j.contains(key);
}

void PolicyJson::defect(const std::string &key, const std::string &problem) const
{
    throw PolicyJsonError{at(key) + ": " + problem};
}

const nlohmann::json &PolicyJson::raw(const std::string &key)
{
    m_read.insert(key);
    auto it = m_j.find(key);
    if (it == m_j.end())
        defect(key, "missing");
    return *it;
}

std::string PolicyJson::str(const std::string &key)
{
    const auto &v = raw(key);
    if (!v.is_string())
        defect(key, "must be a string");
    auto s = v.get<std::string>();
    if (s.empty())
        defect(key, "must not be empty");
    return s;
}

std::string PolicyJson::strOr(const std::string &key, const std::string &fallback)
{
    return has(key) ? str(key) : (m_read.insert(key), fallback);
}

std::string PolicyJson::ident(const std::string &key)
{
    auto s = str(key);
    const bool ok = s.size() <= 40 && s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
    if (!ok)
        defect(key, "'" + s + "' is not an id (1-40 of a-z 0-9 -)");
    return s;
}

int64_t PolicyJson::integer(const std::string &key, int64_t min, int64_t max)
{
    const auto &v = raw(key);
    if (!v.is_number_integer())
        defect(key, "must be a whole number (no fractions, no quotes)");
    const int64_t n = v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)
                          ? INT64_MAX
                          : v.get<int64_t>();
    if (n < min || n > max)
        defect(key, std::to_string(n) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
    return n;
}

int64_t PolicyJson::integerOr(const std::string &key, int64_t fallback, int64_t min, int64_t max)
{
    return has(key) ? integer(key, min, max) : (m_read.insert(key), fallback);
}

bool PolicyJson::boolOr(const std::string &key, bool fallback)
{
    m_read.insert(key);
    if (!has(key))
        return fallback;
    const auto &v = raw(key);
    if (!v.is_boolean())
        defect(key, "must be true or false");
    return v.get<bool>();
}

int64_t PolicyJson::money(const std::string &key, const Currency &currency)
{
    const auto &v = raw(key);
    if (!v.is_string())
        defect(key, "must be an amount in a string, e.g. \"120.00\" (no floating point)");
    auto m = Money::parse(v.get<std::string>(), currency);
    if (!m)
        defect(key, m.error().message);
    return m->minor();
}

int64_t PolicyJson::moneyOr(const std::string &key, int64_t fallback, const Currency &currency)
{
    return has(key) ? money(key, currency) : (m_read.insert(key), fallback);
}

Rational PolicyJson::rational(const std::string &key)
{
    const auto &v = raw(key);
    if (v.is_number_integer() && v.get<int64_t>() >= 0)
        return Rational(v.get<int64_t>(), 1);
    if (!v.is_string())
        defect(key, "must be a rational in a string, e.g. \"3/2\"");
    auto r = Rational::parse(v.get<std::string>());
    if (!r)
        defect(key, r.error().message);
    return *r;
}

Rational PolicyJson::rationalOr(const std::string &key, Rational fallback)
{
    return has(key) ? rational(key) : (m_read.insert(key), fallback);
}

Rounding PolicyJson::roundingOr(const std::string &key, Rounding fallback)
{
    m_read.insert(key);
    if (!has(key))
        return fallback;
    auto r = roundingFromName(str(key));
    if (!r)
        defect(key, r.error().message);
    return *r;
}

ExpirySpec PolicyJson::expiry(const std::string &key)
{
    m_read.insert(key);
    ExpirySpec spec;
    if (!has(key))
        return spec;
    PolicyJson e = object(key);
    spec.never = e.boolOr("never", false);
    spec.afterMonths = static_cast<int32_t>(e.integerOr("after_months", 0, 0, 1200));
    spec.afterDays = static_cast<int32_t>(e.integerOr("after_days", 0, 0, 36500));
    spec.round = e.choiceOr<Period>(
        "round", "none", {{"none", Period::None}, {"day", Period::Day}, {"week", Period::Week}, {"month", Period::Month}});
    if (spec.never && (spec.afterMonths || spec.afterDays || spec.round != Period::None))
        defect(key, "'never' cannot be combined with after_months, after_days or round");
    if (!spec.never && spec.afterMonths == 0 && spec.afterDays == 0 && spec.round == Period::None)
        defect(key, "expires at the moment of issue; set after_days, after_months or round (or never)");
    e.finish();
    return spec;
}

std::vector<std::string> PolicyJson::strings(const std::string &key)
{
    m_read.insert(key);
    std::vector<std::string> out;
    if (!has(key))
        return out;
    const auto &v = raw(key);
    if (!v.is_array())
        defect(key, "must be an array of strings");
    for (const auto &s : v) {
        if (!s.is_string() || s.get<std::string>().empty())
            defect(key, "must be an array of non-empty strings");
        out.push_back(s.get<std::string>());
    }
    return out;
}

std::vector<int64_t> PolicyJson::integers(const std::string &key, int64_t min, int64_t max)
{
    m_read.insert(key);
    std::vector<int64_t> out;
    if (!has(key))
        return out;
    const auto &v = raw(key);
    if (!v.is_array())
        defect(key, "must be an array of whole numbers");
    for (const auto &n : v) {
        if (!n.is_number_integer() || n.get<int64_t>() < min || n.get<int64_t>() > max)
            defect(key, "must hold whole numbers from " + std::to_string(min) + " to " + std::to_string(max));
        out.push_back(n.get<int64_t>());
    }
    return out;
}

PolicyJson PolicyJson::object(const std::string &key)
{
    return PolicyJson(raw(key), at(key));
}

std::vector<PolicyJson> PolicyJson::objects(const std::string &key)
{
    m_read.insert(key);
    std::vector<PolicyJson> out;
    if (!has(key))
        return out;
    const auto &v = raw(key);
    if (!v.is_array())
        defect(key, "must be an array");
    for (size_t i = 0; i < v.size(); ++i)
        out.emplace_back(v[i], at(key) + "[" + std::to_string(i) + "]");
    return out;
}

std::map<std::string, std::map<std::string, std::string>> PolicyJson::stringTables(const std::string &key)
{
    m_read.insert(key);
    std::map<std::string, std::map<std::string, std::string>> out;
    if (!has(key))
        return out;
    const auto &v = raw(key);
    if (!v.is_object())
        defect(key, "must be an object of objects, e.g. {\"zh_CN\": {\"Welcome\": \"欢迎\"}}");
    for (const auto &[name, table] : v.items()) {
        if (!table.is_object())
            defect(key, "'" + name + "' must be an object of text → translation");
        auto &texts = out[name];
        for (const auto &[text, translation] : table.items()) {
            if (!translation.is_string() || translation.get<std::string>().empty())
                defect(key, name + ": the translation of '" + text + "' must be a non-empty string");
            texts.emplace(text, translation.get<std::string>());
        }
    }
    return out;
}

void PolicyJson::finish() const
{
    for (const auto &[key, value] : m_j.items()) {
        if (!m_read.count(key)) {
            std::string known;
            for (const auto &k : m_read)
                known += (known.empty() ? "" : ", ") + k;
            throw PolicyJsonError{at(key) + ": unknown field (known here: " + known + ")"};
        }
    }
}

} // namespace tapledger
