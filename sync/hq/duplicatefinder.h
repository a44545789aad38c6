#pragma once

#include "core/result.h"
#include "core/uuid.h"
#include "sync/hq/hqreadtx.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tapledger::sync {

/// A member as the duplicate search sees it (docs/crm.md, "Duplicates and merge").
struct DuplicateCandidate
{
    Uuid member;
    std::string name, phone;     ///< as enrolled (UTF-8)
    std::string enrolledAt;      ///< the kiosk whose enrol entry HQ merged, "" = none seen
    std::string currency;        ///< "" until the first value entry
    int64_t deposit = 0, bonus = 0, points = 0; ///< master balances (minor units, points)
};

/// Two members that may be one person, @p a's id below @p b's.
struct DuplicatePair
{
    DuplicateCandidate a, b;
    /// Why, in this order when several hold: "same_phone", "same_name", "same_pinyin", "similar_name".
    std::vector<std::string> reasons;
};

/// Finds duplicate member candidates at HQ (docs/crm.md, "Duplicates and merge" has the rules and
/// examples): the same phone after phoneKey(), the same name after nameKey(), the same pinyin (a
/// Han name's romanisation by core's Pinyin helper equals the other's name key), or name keys of
/// at least 4 letters within one edit (Levenshtein distance 1 over code points).
class DuplicateFinder
{
public:
    /// Digits only, a leading international prefix "00" and any trunk "0"s dropped: "+86 138-0013-8000"
    /// and "0086 13800138000" → "8613800138000", "013800138000" → "13800138000". "" for fewer than 7 digits.
    static std::string phoneKey(const std::string &phone);
    /// True when phone keys @p a and @p b (non-empty) are one number: equal, or the longer is a
    /// 1–3 digit country code followed by the shorter ("8613800138000" and "13800138000").
    static bool samePhone(const std::string &a, const std::string &b);
    /// ICU NFKC case folding (full-width and upper-case letters fold) with every white space
    /// removed: "ＬＩ  Wei" → "liwei", "Zhang San" → "zhangsan".
    static std::string nameKey(const std::string &name);
    /// Levenshtein distance over code points, capped: any value above @p cap is reported as cap + 1.
    static size_t editDistance(const std::string &a, const std::string &b, size_t cap);

    /// Every candidate pair among @p members (each pair once, ordered by a's then b's id).
    static std::vector<DuplicatePair> pairs(const std::vector<DuplicateCandidate> &members);
    /// The members HQ knows and has not merged away, with balances and kiosk of enrolment, ordered by id.
    static Result<std::vector<DuplicateCandidate>> candidates(HqReadTx &tx);
};

} // namespace tapledger::sync
