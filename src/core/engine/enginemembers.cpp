// Member lookup without a card, duplicate check at enrolment, PIN check and change, staff points
// adjustments, feedback.
#include "core/engine/engine_p.h"

#include "core/engine/sql_p.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace tapledger {

namespace {
constexpr size_t kReasonMaxChars = 200;
constexpr size_t kFeedbackMaxBytes = 500;
constexpr int64_t kAdjustMaxPoints = 1'000'000'000;

/// Number of code points of valid UTF-8 text; nullopt when @p s is not valid UTF-8.
std::optional<size_t> utf8Length(const std::string &s)
{
    size_t count = 0;
    for (size_t i = 0; i < s.size(); ++count) {
        const auto c = static_cast<unsigned char>(s[i]);
        const size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
        if (n == 0 || i + n > s.size())
            return std::nullopt;
        for (size_t k = 1; k < n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2)
                return std::nullopt;
        }
        i += n;
    }
    return count;
}

std::string trim(const std::string &s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

bool isPhoneSeparator(char c)
{
    return c == ' ' || c == '-' || c == '(' || c == ')' || c == '.';
}

/// Lower-case ASCII, runs of white space as one space, trimmed: how names compare for duplicates.
std::string foldName(const std::string &name)
{
    std::string out;
    for (char c : trim(name)) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!out.empty() && out.back() != ' ')
                out += ' ';
        } else {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return out;
}

/// @p s with LIKE's wildcards escaped (ESCAPE '\').
std::string likeEscaped(const std::string &s)
{
    std::string out;
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}

constexpr const char *kSummaryColumns = "SELECT m.member, m.handle, m.name, m.phone, m.tier FROM engine_members m ";
/// More hops than any real chain of merges: beyond it the aliases loop (as HQ's MemberMerge).
constexpr int kMaxAliasHops = 10000;
} // namespace

Result<std::string> normalisePhone(const std::string &phone)
{
    std::string out;
    size_t digits = 0;
    for (size_t i = 0; i < phone.size(); ++i) {
        const char c = phone[i];
        if (std::isdigit(static_cast<unsigned char>(c))) {
            out += c;
            ++digits;
        } else if (c == '+' && out.empty() && digits == 0) {
            out += c;
        } else if (!isPhoneSeparator(c)) {
            return fail(ErrorCode::InvalidArgument, "phone: only digits, an optional leading '+', spaces and '-'");
        }
    }
    if (out.empty() && phone.find('+') == std::string::npos)
        return out;
    if (digits < 6 || digits > 20)
        return fail(ErrorCode::InvalidArgument, "phone: 6 to 20 digits, not " + std::to_string(digits));
    return out;
}

// ---- Lookup -------------------------------------------------------------------------------------

namespace {
MemberSummary summaryAt(const SqliteStatement &s, const Policy &policy)
{
    const TierLevel &tier = policy.tiers.levels[policy.tierIndex(s.textAt(4))];
    return {sql::uuidAt(s, 0), s.textAt(1), s.textAt(2), s.textAt(3), tier.id, tier.name, {}, {}};
}
} // namespace

Result<Uuid> Engine::resolveMember(const Uuid &member) const
{
    return d->resolveMember(member);
}

Result<Uuid> Engine::Impl::resolveMember(const Uuid &member) const
{
    Uuid at = member;
    for (int hop = 0; hop < kMaxAliasHops; ++hop) {
        auto stmt = sql::firstRow(db(), "SELECT into_member FROM engine_member_aliases WHERE member = ?", at);
        if (!stmt)
            return std::move(stmt).error();
        if (!*stmt)
            return at;
        at = sql::uuidAt(**stmt, 0);
    }
    return fail(ErrorCode::Corrupt, "the member aliases of " + member.toString() + " form a loop");
}

Result<std::vector<MemberSummary>> Engine::findMembers(const std::string &query, size_t limit) const
{
    const std::string q = trim(query);
    if (q.empty())
        return fail(ErrorCode::InvalidArgument, "type part of a name, handle, phone number, member or card id");
    std::string digits;
    bool phoneLike = true;
    for (char c : q) {
        if (std::isdigit(static_cast<unsigned char>(c)))
            digits += c;
        else if (c != '+' && !isPhoneSeparator(c))
            phoneLike = false;
    }
    if (!phoneLike)
        digits.clear();
    auto id = Uuid::parse(q);
    const Uuid exact = id ? *id : Uuid();
    auto stmt = sql::prepared(d->db(),
                              std::string(kSummaryColumns) +
                                  "WHERE m.name LIKE ?1 ESCAPE '\\' OR m.handle LIKE ?1 ESCAPE '\\' "
                                  "OR (?2 <> '' AND instr(m.phone, ?2) > 0) OR m.member = ?3 "
                                  "OR m.member IN (SELECT member FROM engine_cards WHERE card = ?3) "
                                  "ORDER BY m.name COLLATE NOCASE, m.handle LIMIT ?4",
                              "%" + likeEscaped(q) + "%", digits, exact,
                              static_cast<int64_t>(std::min<size_t>(limit, INT32_MAX)));
    if (!stmt)
        return std::move(stmt).error();
    std::vector<MemberSummary> out;
    TL_TRY(sql::forEachRow(*stmt, [&] { out.push_back(summaryAt(*stmt, d->policy)); }));
    // Chinese names by pinyin or its initials ("liwei", "lw" for 李伟): only names with non-ASCII
    // characters can have Han characters.
    const std::string pinyin = Pinyin::pinyinQuery(q);
    if (pinyin.empty())
        return d->withSurvivors(std::move(out), limit);
    auto han = d->db().prepare(std::string(kSummaryColumns) + "WHERE m.name GLOB '*[^ -~]*'");
    if (!han)
        return std::move(han).error();
    TL_TRY(sql::forEachRow(*han, [&] {
        if (!Pinyin::matches(d->pinyin.keysOf(han->textAt(2)), pinyin))
            return;
        MemberSummary m = summaryAt(*han, d->policy);
        if (std::none_of(out.begin(), out.end(), [&](const MemberSummary &o) { return o.member == m.member; }))
            out.push_back(std::move(m));
    }));
    // The SQL order (name COLLATE NOCASE, handle) over both lists.
    const auto folded = [](const std::string &s) {
        std::string f = s;
        for (char &c : f)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return f;
    };
    std::stable_sort(out.begin(), out.end(), [&](const MemberSummary &a, const MemberSummary &b) {
        const std::string fa = folded(a.name), fb = folded(b.name);
        return fa != fb ? fa < fb : a.handle < b.handle;
    });
    return d->withSurvivors(std::move(out), limit);
}

Result<std::vector<MemberSummary>> Engine::Impl::withSurvivors(std::vector<MemberSummary> found, size_t limit) const
{
    std::vector<MemberSummary> out;
    const auto listed = [&](const Uuid &member) {
        return std::any_of(out.begin(), out.end(), [&](const MemberSummary &o) { return o.member == member; });
    };
    for (MemberSummary &m : found) {
        auto survivor = resolveMember(m.member);
        if (!survivor)
            return std::move(survivor).error();
        if (*survivor == m.member) {
            // The survivor matched itself: it replaces a line that reached it through an alias.
            const auto via = std::find_if(out.begin(), out.end(), [&](const MemberSummary &o) { return o.member == m.member; });
            if (via == out.end())
                out.push_back(std::move(m));
            else
                *via = std::move(m);
            continue;
        }
        if (listed(*survivor))
            continue;
        auto stmt = sql::firstRow(db(), std::string(kSummaryColumns) + "WHERE m.member = ?", *survivor);
        if (!stmt)
            return std::move(stmt).error();
        if (*stmt) {
            MemberSummary s = summaryAt(**stmt, policy);
            s.mergedFrom = m.member;
            out.push_back(std::move(s));
        } else {
            m.mergedInto = *survivor;
            out.push_back(std::move(m));
        }
    }
    if (out.size() > limit)
        out.resize(limit);
    return out;
}

Result<std::vector<MemberSummary>> Engine::duplicateCandidates(const std::string &name, const std::string &phone) const
{
    auto normal = normalisePhone(phone);
    if (!normal)
        return std::move(normal).error();
    const std::string folded = foldName(name);
    if (folded.empty() && normal->empty())
        return fail(ErrorCode::InvalidArgument, "a name or a phone number is needed to look for duplicates");
    auto stmt = d->db().prepare(std::string(kSummaryColumns) +
                                "WHERE m.member NOT IN (SELECT member FROM engine_member_aliases) "
                                "ORDER BY m.name COLLATE NOCASE, m.handle");
    if (!stmt)
        return std::move(stmt).error();
    std::vector<MemberSummary> out;
    TL_TRY(sql::forEachRow(*stmt, [&] {
        const bool samePhone = !normal->empty() && stmt->textAt(3) == *normal;
        const bool sameName = !folded.empty() && foldName(stmt->textAt(2)) == folded;
        if (samePhone || sameName)
            out.push_back(summaryAt(*stmt, d->policy));
    }));
    return out;
}

// ---- PINs ---------------------------------------------------------------------------------------

Result<void> Engine::checkPin(const Uuid &member, const std::string &pin)
{
    d->refreshPolicy();
    auto row = d->memberRow(member);
    if (!row)
        return std::move(row).error();
    return d->checkPinNow(*row, pin);
}

Result<void> Engine::changePin(const Uuid &member, const std::string &oldPin, const std::string &newPin)
{
    d->refreshPolicy();
    auto row = d->memberRow(member);
    if (!row)
        return std::move(row).error();
    auto hash = d->hashPin(newPin);
    if (!hash)
        return fail(ErrorCode::InvalidArgument, "new " + hash.error().message);
    auto written = d->transact(member, [&](Receipt &receipt) -> Result<void> {
        TL_TRY(d->verifyPin(*row, oldPin));
        auto stored = d->append({d->draft(EntryKind::PinChange, member, {{"pin", *hash}}, {})}, receipt);
        if (!stored)
            return std::move(stored).error();
        return {};
    });
    if (!written)
        return std::move(written).error();
    return {};
}

// ---- Adjustments and feedback ---------------------------------------------------------------------

Result<Receipt> Engine::adjustPoints(const AdjustRequest &r)
{
    d->refreshPolicy();
    if (r.points == 0)
        return fail(ErrorCode::InvalidArgument, "an adjustment needs a number of points other than zero");
    if (r.points > kAdjustMaxPoints || r.points < -kAdjustMaxPoints)
        return fail(ErrorCode::InvalidArgument, "an adjustment is at most " + std::to_string(kAdjustMaxPoints) + " points");
    const auto chars = utf8Length(r.reason);
    if (!chars || trim(r.reason).empty() || *chars > kReasonMaxChars)
        return fail(ErrorCode::InvalidArgument, "an adjustment needs a reason of 1 to 200 characters");
    if (r.staff.isNil() || r.staffRole == Card::Role::None)
        return fail(ErrorCode::Denied, "points adjustments are for staff only: log in with a staff card");
    if (auto registered = d->staffRow(r.staff); registered && registered->role < r.staffRole)
        return fail(ErrorCode::Denied, registered->row.name + " is a " + std::string(cardRoleName(registered->role)) +
                                           ", not a " + std::string(cardRoleName(r.staffRole)));
    const int64_t threshold = d->policy.adjust.supervisorThreshold;
    const int64_t magnitude = r.points < 0 ? -r.points : r.points;
    if (magnitude > threshold && r.staffRole < Card::Role::Supervisor) {
        Error e = fail(ErrorCode::Denied, ErrorReason::SupervisorRequired,
                       "an adjustment of " + std::to_string(magnitude) + " points is above the " +
                           std::to_string(threshold) + "-point limit for cashiers: a supervisor must do it");
        e.needed = threshold;
        return e;
    }
    TL_TRY(d->memberRow(r.member));
    return d->transact(r.member, [&](Receipt &receipt) -> Result<void> {
        TL_TRY(d->expireDue(&r.member, receipt));
        const int64_t balance = d->ledger().balance(r.member).points;
        if (r.points < 0 && balance < -r.points) {
            Error e = fail(ErrorCode::Insufficient, ErrorReason::InsufficientPoints,
                           "insufficient points: " + std::to_string(balance) + " available, the adjustment takes " +
                               std::to_string(-r.points));
            e.available = balance;
            e.needed = -r.points;
            return e;
        }
        nlohmann::json x = {{"reason", r.reason},
                            {"role", std::string(cardRoleName(r.staffRole))},
                            {"supervisor_threshold", threshold}};
        const int64_t expiresMs = d->calendar.expiryAt(d->now(), d->policy.points.expiry);
        if (r.points > 0 && expiresMs != INT64_MAX)
            x["expires_ms"] = expiresMs;
        auto e = d->draft(EntryKind::Adjust, r.member, x, {d->policy.ref()});
        e.pointsDelta = r.points;
        e.staff = r.staff;
        return d->appendMain({e}, receipt);
    });
}

std::vector<std::string> Engine::feedbackCategories() const
{
    d->refreshPolicy();
    return d->policy.feedbackCategories;
}

Result<Receipt> Engine::recordFeedback(const FeedbackRequest &r)
{
    d->refreshPolicy();
    if (r.rating < 0 || r.rating > 5)
        return fail(ErrorCode::InvalidArgument, "a rating is 1 to 5 stars (0 = none), not " + std::to_string(r.rating));
    const auto &categories = d->policy.feedbackCategories;
    if (!r.category.empty() && std::find(categories.begin(), categories.end(), r.category) == categories.end()) {
        std::string known;
        for (const auto &c : categories)
            known += (known.empty() ? "" : ", ") + c;
        return fail(ErrorCode::InvalidArgument, "unknown feedback category '" + r.category + "' (" + known + ")");
    }
    if (r.text.size() > kFeedbackMaxBytes || !utf8Length(r.text))
        return fail(ErrorCode::InvalidArgument, "feedback text is at most 500 bytes of UTF-8 text");
    if (r.rating == 0 && r.category.empty() && trim(r.text).empty())
        return fail(ErrorCode::InvalidArgument, "give a rating, a category or a comment");
    if (!r.member.isNil())
        TL_TRY(d->memberRow(r.member));
    return d->transact(r.member, [&](Receipt &receipt) -> Result<void> {
        auto e = d->draft(EntryKind::Feedback, r.member,
                          {{"rating", r.rating}, {"category", r.category}, {"text", r.text}}, {});
        return d->appendMain({e}, receipt);
    });
}

} // namespace tapledger
