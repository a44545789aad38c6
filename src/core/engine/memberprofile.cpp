#include "core/engine/memberprofile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>

namespace tapledger {

namespace {
constexpr std::array kTypes{"person", "company", "family"};
constexpr std::array kGenders{"female", "male", "other"};
constexpr std::array kAgeBands{"under-18", "18-24", "25-34", "35-44", "45-54", "55-64", "65-plus"};
constexpr std::array kCreditGrades{"A", "B", "C", "D"};

template <size_t N> std::string enumProblem(const std::string &value, const std::array<const char *, N> &allowed)
{
    if (value.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end())
        return {};
    std::string list;
    for (const char *a : allowed)
        list += (list.empty() ? "" : ", ") + std::string(a);
    return "'" + value + "' is not one of " + list;
}

constexpr int64_t kDayMs = 86'400'000;

struct Tally
{
    int64_t quantity = 0, spend = 0;
};

/// The names with a positive measure, best first (ties by name), at most @p n.
std::vector<std::string> top(const std::map<std::string, Tally> &tallies, size_t n, bool byQuantity)
{
    std::vector<std::pair<std::string, Tally>> v;
    for (const auto &[name, t] : tallies)
        if (byQuantity ? t.quantity > 0 : t.spend > 0)
            v.emplace_back(name, t);
    std::stable_sort(v.begin(), v.end(), [&](const auto &a, const auto &b) {
        if (byQuantity && a.second.quantity != b.second.quantity)
            return a.second.quantity > b.second.quantity;
        return a.second.spend > b.second.spend;
    });
    std::vector<std::string> out;
    for (size_t i = 0; i < v.size() && i < n; ++i)
        out.push_back(v[i].first);
    return out;
}
Result<void> defect(const char *field, const std::string &problem)
{
    return fail(ErrorCode::InvalidArgument, std::string("profile.") + field + ": " + problem);
}
} // namespace

void MemberProfile::derive(std::span<const Purchase> purchases, int64_t nowMs)
{
    const int64_t from = nowMs - kWindowDays * kDayMs;
    std::map<std::string, Tally> skus, categories;
    std::vector<const Purchase *> visits;
    for (const Purchase &p : purchases) {
        if (p.timeMs > nowMs)
            continue;
        if (!p.effect.isReturn && !p.kiosk.empty())
            visits.push_back(&p);
        if (p.timeMs <= from)
            continue;
        const int64_t sign = p.effect.isReturn ? -1 : 1;
        for (const PurchaseEffect::Item &item : p.effect.items) {
            if (!item.sku.empty()) {
                skus[item.sku].quantity += sign * item.quantity;
                skus[item.sku].spend += sign * item.amountMinor;
            }
            if (!item.category.empty())
                categories[item.category].spend += sign * item.amountMinor;
        }
    }
    usualItems = top(skus, kUsualItems, true);
    favouriteCategories = top(categories, kFavouriteCategories, false);
    std::stable_sort(visits.begin(), visits.end(), [](const auto *a, const auto *b) { return a->timeMs > b->timeMs; });
    lastVisits.clear();
    for (size_t i = 0; i < visits.size() && i < kLastVisits; ++i)
        lastVisits.push_back({visits[i]->timeMs, visits[i]->kiosk, visits[i]->effect.amountMinor});
}

std::string MemberProfile::textProblem(std::string_view text, size_t maxBytes, bool multiline)
{
    if (text.size() > maxBytes)
        return "at most " + std::to_string(maxBytes) + " bytes, got " + std::to_string(text.size());
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && !(multiline && c == '\n')) || u == 0x7f)
            return "must not contain control characters";
    }
    try {
        (void)nlohmann::json(std::string(text)).dump();
    } catch (const nlohmann::json::exception &) {
        return "is not UTF-8";
    }
    return {};
}

bool MemberProfile::hasConsentFields() const
{
    return !gender.empty() || !ageBand.empty() || !nationality.empty() || !industry.empty() || !position.empty();
}

Result<void> MemberProfile::validate() const
{
    for (const auto &[field, problem] :
         {std::pair{"type", enumProblem(type, kTypes)}, std::pair{"gender", enumProblem(gender, kGenders)},
          std::pair{"age_band", enumProblem(ageBand, kAgeBands)},
          std::pair{"credit_grade", enumProblem(creditGrade, kCreditGrades)}})
        if (!problem.empty())
            return defect(field, problem);
    if (!nationality.empty() &&
        (nationality.size() != 2 || !std::all_of(nationality.begin(), nationality.end(), [](char c) { return c >= 'A' && c <= 'Z'; })))
        return defect("nationality", "'" + nationality + "' is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. CN)");
    for (const auto &[field, text, max, multiline] :
         {std::tuple{"industry", &industry, kMaxShortText, false}, std::tuple{"position", &position, kMaxShortText, false},
          std::tuple{"seat", &seat, kMaxShortText, false}, std::tuple{"taste", &taste, kMaxShortText, false},
          std::tuple{"allergies", &allergies, kMaxAllergies, false}, std::tuple{"notes", &notes, kMaxNotes, true}})
        if (const std::string p = textProblem(*text, max, multiline); !p.empty())
            return defect(field, p);
    if (updatedBy.empty())
        return defect("updated_by", "the HQ operator is required");
    if (const std::string p = textProblem(updatedBy, 128, false); !p.empty())
        return defect("updated_by", p);
    if (updatedMs < 0)
        return defect("updated_ms", "must not be negative");
    for (const auto &[field, list] : {std::pair{"usual_items", &usualItems}, std::pair{"favourite_categories", &favouriteCategories}}) {
        if (list->size() > kMaxDerived)
            return defect(field, "at most " + std::to_string(kMaxDerived) + " entries");
        for (const auto &s : *list)
            if (const std::string p = s.empty() ? "an entry is empty" : textProblem(s, 128, false); !p.empty())
                return defect(field, p);
    }
    if (lastVisits.size() > kMaxDerived)
        return defect("last_visits", "at most " + std::to_string(kMaxDerived) + " entries");
    for (const Visit &v : lastVisits)
        if (v.timeMs < 0 || v.amountMinor < 0 || v.kiosk.empty() || !textProblem(v.kiosk, 64, false).empty())
            return defect("last_visits", "each visit needs time_ms >= 0, a kiosk id and amount >= 0");
    return {};
}

std::string MemberProfile::toJson() const
{
    nlohmann::json visits = nlohmann::json::array();
    for (const Visit &v : lastVisits)
        visits.push_back({{"time_ms", v.timeMs}, {"kiosk", v.kiosk}, {"amount", v.amountMinor}});
    return nlohmann::json{{"type", type},
                          {"last_visits", visits},
                          {"gender", gender},
                          {"age_band", ageBand},
                          {"nationality", nationality},
                          {"industry", industry},
                          {"position", position},
                          {"credit_grade", creditGrade},
                          {"seat", seat},
                          {"taste", taste},
                          {"allergies", allergies},
                          {"notes", notes},
                          {"updated_by", updatedBy},
                          {"updated_ms", updatedMs},
                          {"usual_items", usualItems},
                          {"favourite_categories", favouriteCategories}}
        .dump();
}

Result<MemberProfile> MemberProfile::parse(std::string_view json)
{
    const auto j = nlohmann::json::parse(json, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return fail(ErrorCode::InvalidArgument, "profile: not a JSON object");
    MemberProfile p;
    const std::array<std::pair<const char *, std::string *>, 12> texts{
        {{"type", &p.type}, {"gender", &p.gender}, {"age_band", &p.ageBand}, {"nationality", &p.nationality},
         {"industry", &p.industry}, {"position", &p.position}, {"credit_grade", &p.creditGrade}, {"seat", &p.seat},
         {"taste", &p.taste}, {"allergies", &p.allergies}, {"notes", &p.notes}, {"updated_by", &p.updatedBy}}};
    for (const auto &[key, value] : j.items()) {
        // clang 14 refuses a lambda capturing a structured binding: capture a plain reference.
        const std::string &name = key;
        const auto text = std::find_if(texts.begin(), texts.end(), [&](const auto &t) { return name == t.first; });
        if (text != texts.end()) {
            if (!value.is_string())
                return fail(ErrorCode::InvalidArgument, "profile." + key + ": must be a string");
            *text->second = value.get<std::string>();
        } else if (key == "updated_ms") {
            if (!value.is_number_integer())
                return fail(ErrorCode::InvalidArgument, "profile.updated_ms: must be an integer (UTC ms)");
            p.updatedMs = value.get<int64_t>();
        } else if (key == "usual_items" || key == "favourite_categories") {
            if (!value.is_array() || !std::all_of(value.begin(), value.end(), [](const auto &v) { return v.is_string(); }))
                return fail(ErrorCode::InvalidArgument, "profile." + key + ": must be an array of strings");
            (key == "usual_items" ? p.usualItems : p.favouriteCategories) = value.get<std::vector<std::string>>();
        } else if (key == "last_visits") {
            if (!value.is_array())
                return fail(ErrorCode::InvalidArgument, "profile.last_visits: must be an array");
            for (const auto &v : value) {
                if (!v.is_object() || v.size() != 3 || !v.contains("time_ms") || !v["time_ms"].is_number_integer() ||
                    !v.contains("kiosk") || !v["kiosk"].is_string() || !v.contains("amount") ||
                    !v["amount"].is_number_integer())
                    return fail(ErrorCode::InvalidArgument,
                                "profile.last_visits: each visit is {\"time_ms\", \"kiosk\", \"amount\"}");
                p.lastVisits.push_back({v["time_ms"].get<int64_t>(), v["kiosk"].get<std::string>(), v["amount"].get<int64_t>()});
            }
        } else {
            return fail(ErrorCode::InvalidArgument, "profile." + key + ": unknown field");
        }
    }
    TL_TRY(p.validate());
    return p;
}

} // namespace tapledger
