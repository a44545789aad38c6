#pragma once
// Private to the engine: strict reading of one JSON object of the policy file, with the field's
// path in every message. Throws PolicyJsonError; PolicyParser turns it into a Result.

#include "core/currency.h"
#include "core/engine/rational.h"
#include "core/engine/venuecalendar.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace tapledger {

/// A policy defect: the path of the offending field and what is wrong with it.
struct PolicyJsonError
{
    std::string message;
};

/// One JSON object of the policy with its path ("points.promotions[1]"). Every field must be
/// read: finish() rejects unknown (e.g. misspelt) fields.
class PolicyJson
{
public:
    /// @p j must be an object (else throws naming @p path).
    PolicyJson(const nlohmann::json &j, std::string path);

    /// "<path>.<key>".
    std::string at(const std::string &key) const;
    bool has(const std::string &key) const;
    [[noreturn]] void defect(const std::string &key, const std::string &problem) const;

    std::string str(const std::string &key);
    std::string strOr(const std::string &key, const std::string &fallback);
    /// The word at @p key (@p fallback when absent) as one of @p choices; a defect "'x' is not
    /// one of a, b, c" for any other word.
    template <typename T>
    T choiceOr(const std::string &key, const std::string &fallback,
               std::initializer_list<std::pair<const char *, T>> choices)
    {
        const std::string word = strOr(key, fallback);
        std::string names;
        for (const auto &[name, value] : choices) {
            if (word == name)
                return value;
            names += (names.empty() ? "" : ", ") + std::string(name);
        }
        defect(key, "'" + word + "' is not one of " + names);
    }
    /// A rule/level/sku id: 1..40 of [a-z0-9-].
    std::string ident(const std::string &key);
    int64_t integer(const std::string &key, int64_t min, int64_t max);
    int64_t integerOr(const std::string &key, int64_t fallback, int64_t min, int64_t max);
    bool boolOr(const std::string &key, bool fallback);
    /// A decimal amount in major units as a string ("120.00") → minor units, >= 0.
    int64_t money(const std::string &key, const Currency &currency);
    int64_t moneyOr(const std::string &key, int64_t fallback, const Currency &currency);
    Rational rational(const std::string &key);
    Rational rationalOr(const std::string &key, Rational fallback);
    Rounding roundingOr(const std::string &key, Rounding fallback);
    ExpirySpec expiry(const std::string &key);
    std::vector<std::string> strings(const std::string &key);
    /// An array of whole numbers in min..max; an absent key is an empty array.
    std::vector<int64_t> integers(const std::string &key, int64_t min, int64_t max);
    PolicyJson object(const std::string &key);
    /// Elements of an array of objects; an absent key is an empty array.
    std::vector<PolicyJson> objects(const std::string &key);
    /// An object of objects of non-empty strings ({"zh_CN": {"Welcome": "欢迎"}}); an absent key
    /// is an empty map.
    std::map<std::string, std::map<std::string, std::string>> stringTables(const std::string &key);
    /// Rejects fields that were never read.
    void finish() const;

private:
    const nlohmann::json &raw(const std::string &key);
    const nlohmann::json &m_j;
    std::string m_path;
    std::set<std::string> m_read;
};

} // namespace tapledger
