#include "sync/hq/duplicatefinder.h"

#include "core/engine/pinyin.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <set>

namespace tapledger::sync {

namespace {
constexpr size_t kMinPhoneDigits = 7;
constexpr size_t kMinSimilarLetters = 4;

std::u32string codePoints(const std::string &s)
{
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    std::u32string out;
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1))
        out.push_back(static_cast<char32_t>(u.char32At(i)));
    return out;
}

std::string utf8Of(const std::u32string &cps)
{
    icu::UnicodeString u;
    for (char32_t c : cps)
        u.append(static_cast<UChar32>(c));
    std::string out;
    u.toUTF8String(out);
    return out;
}

/// A member's keys: its folded name and, for a Han name, its pinyin.
struct Keys
{
    std::string name, pinyin;
};
} // namespace

std::string DuplicateFinder::phoneKey(const std::string &phone)
{
    std::string digits;
    for (char c : phone)
        if (c >= '0' && c <= '9')
            digits.push_back(c);
    // "00" is the international prefix, a single "0" the trunk prefix: neither is part of the number.
    const size_t first = digits.find_first_not_of('0');
    digits = first == std::string::npos ? std::string() : digits.substr(first);
    return digits.size() < kMinPhoneDigits ? std::string() : digits;
}

bool DuplicateFinder::samePhone(const std::string &a, const std::string &b)
{
    if (a.empty() || b.empty())
        return false;
    const std::string &longer = a.size() >= b.size() ? a : b;
    const std::string &shorter = a.size() >= b.size() ? b : a;
    const size_t code = longer.size() - shorter.size();
    return code <= 3 && longer.compare(code, std::string::npos, shorter) == 0;
}

std::string DuplicateFinder::nameKey(const std::string &name)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2 *fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status) || !fold)
        return {};
    const icu::UnicodeString folded = fold->normalize(icu::UnicodeString::fromUTF8(name), status);
    if (U_FAILURE(status))
        return {};
    icu::UnicodeString kept;
    for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
        const UChar32 c = folded.char32At(i);
        if (!u_isUWhiteSpace(c))
            kept.append(c);
    }
    std::string out;
    kept.toUTF8String(out);
    return out;
}

size_t DuplicateFinder::editDistance(const std::string &a, const std::string &b, size_t cap)
{
    const std::u32string x = codePoints(a), y = codePoints(b);
    if ((x.size() > y.size() ? x.size() - y.size() : y.size() - x.size()) > cap)
        return cap + 1;
    std::vector<size_t> row(y.size() + 1);
    for (size_t j = 0; j <= y.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= x.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= y.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return std::min(row[y.size()], cap + 1);
}

std::vector<DuplicatePair> DuplicateFinder::pairs(const std::vector<DuplicateCandidate> &members)
{
    Pinyin pinyin;
    std::vector<Keys> keys;
    std::vector<std::string> phones;
    for (const auto &m : members) {
        keys.push_back({nameKey(m.name), pinyin.keysOf(m.name).full});
        phones.push_back(phoneKey(m.phone));
    }
    // Blocking, so a fleet's members are not compared all against all: phones by their last 7
    // digits; names by every key and each key with one code point deleted (two keys within one
    // edit share one of these; the distance is checked after).
    std::map<std::string, std::vector<size_t>> blocks;
    for (size_t i = 0; i < members.size(); ++i) {
        if (!phones[i].empty())
            blocks["p|" + phones[i].substr(phones[i].size() - kMinPhoneDigits)].push_back(i);
        for (const std::string *k : {&keys[i].name, &keys[i].pinyin}) {
            if (k->empty())
                continue;
            blocks["n|" + *k].push_back(i);
            const std::u32string cps = codePoints(*k);
            if (cps.size() < kMinSimilarLetters)
                continue;
            for (size_t d = 0; d < cps.size(); ++d) {
                std::u32string shorter = cps;
                shorter.erase(d, 1);
                blocks["n|" + utf8Of(shorter)].push_back(i);
            }
        }
    }
    std::set<std::pair<size_t, size_t>> seen;
    for (auto &[block, ids] : blocks) {
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        for (size_t x = 0; x < ids.size(); ++x)
            for (size_t y = x + 1; y < ids.size(); ++y)
                seen.insert({ids[x], ids[y]});
    }
    std::vector<DuplicatePair> out;
    for (const auto &[i, j] : seen) {
        std::vector<std::string> why;
        if (samePhone(phones[i], phones[j]))
            why.push_back("same_phone");
        const Keys &p = keys[i], &q = keys[j];
        if (!p.name.empty() && p.name == q.name)
            why.push_back("same_name");
        else if ((!p.pinyin.empty() && (p.pinyin == q.name || p.pinyin == q.pinyin)) ||
                 (!q.pinyin.empty() && q.pinyin == p.name))
            why.push_back("same_pinyin");
        else {
            for (const auto &[s, t] : {std::pair{p.name, q.name}, std::pair{p.pinyin, q.name}, std::pair{p.name, q.pinyin}}) {
                if (s.empty() || t.empty() || std::min(codePoints(s).size(), codePoints(t).size()) < kMinSimilarLetters)
                    continue;
                if (editDistance(s, t, 1) <= 1) {
                    why.push_back("similar_name");
                    break;
                }
            }
        }
        if (why.empty())
            continue;
        const bool ordered = members[i].member < members[j].member;
        out.push_back({ordered ? members[i] : members[j], ordered ? members[j] : members[i], std::move(why)});
    }
    std::sort(out.begin(), out.end(), [](const DuplicatePair &l, const DuplicatePair &r) {
        return l.a.member != r.a.member ? l.a.member < r.a.member : l.b.member < r.b.member;
    });
    return out;
}

Result<std::vector<DuplicateCandidate>> DuplicateFinder::candidates(HqReadTx &tx)
{
    auto balances = tx.masterBalances();
    if (!balances)
        return std::move(balances).error();
    auto enrols = tx.entriesOfKind(EntryKind::Enrol);
    if (!enrols)
        return std::move(enrols).error();
    std::map<Uuid, std::string> enrolledAt;
    for (const StoredEntry &s : *enrols)
        enrolledAt.emplace(s.entry.member, s.entry.kioskId);
    std::vector<DuplicateCandidate> out;
    for (const MasterBalance &b : *balances) {
        auto alias = tx.memberAlias(b.member);
        if (!alias)
            return std::move(alias).error();
        auto m = tx.member(b.member);
        if (!m)
            return std::move(m).error();
        if (*alias || !*m)
            continue;
        const auto at = enrolledAt.find(b.member);
        out.push_back({b.member, (*m)->name, (*m)->phone, at == enrolledAt.end() ? std::string() : at->second,
                       b.currency, b.deposit, b.bonus, b.points});
    }
    return out;
}

} // namespace tapledger::sync
