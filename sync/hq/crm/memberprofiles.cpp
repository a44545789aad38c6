#include "sync/hq/crm/memberprofiles.h"

#include "sync/protocol/feedpage.h"

#include <nlohmann/json.hpp>
#include <unicode/uloc.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace tapledger::sync {

bool MemberProfiles::isIsoCountry(const std::string &code)
{
    for (const char *const *c = uloc_getISOCountries(); *c; ++c)
        if (code == *c)
            return true;
    return false;
}

Result<std::vector<MemberProfile::Purchase>> MemberProfiles::purchasesOf(HqReadTx &tx, const Uuid &member)
{
    std::vector<MemberProfile::Purchase> out;
    auto entries = tx.memberEntries(member);
    if (!entries)
        return std::move(entries).error();
    for (const StoredEntry &stored : *entries) {
        auto effect = purchaseEffect(stored.entry);
        if (!effect)
            return std::move(effect).error();
        if (*effect)
            out.push_back({stored.entry.timeMs, stored.entry.kioskId, std::move(**effect)});
    }
    auto imported = tx.purchases();
    if (!imported)
        return std::move(imported).error();
    for (const PurchaseRecord &r : *imported)
        if (r.member == member)
            out.push_back({r.timeMs, "", PurchaseEffect{r.amountMinor, false, {{r.sku, r.category, r.quantity, r.amountMinor}}}});
    return out;
}

Result<MemberProfile> MemberProfiles::set(HqWriteTx &tx, const ProfileChange &change, const Ed25519SecretKey &hqKey)
{
    auto member = tx.member(change.member);
    if (!member)
        return std::move(member).error();
    if (!*member)
        return fail(ErrorCode::NotFound,
                    "member " + change.member.toString() + " is not known at HQ (no kiosk has synced it)");
    auto stored = show(tx, change.member);
    if (!stored)
        return std::move(stored).error();
    MemberProfile p = stored->value_or(MemberProfile{});
    for (const auto &[given, field] :
         {std::pair{&change.type, &p.type}, std::pair{&change.gender, &p.gender}, std::pair{&change.ageBand, &p.ageBand},
          std::pair{&change.nationality, &p.nationality}, std::pair{&change.industry, &p.industry},
          std::pair{&change.position, &p.position}, std::pair{&change.creditGrade, &p.creditGrade},
          std::pair{&change.seat, &p.seat}, std::pair{&change.taste, &p.taste},
          std::pair{&change.allergies, &p.allergies}, std::pair{&change.notes, &p.notes}})
        if (*given)
            *field = **given;
    std::transform(p.nationality.begin(), p.nationality.end(), p.nationality.begin(),
                   [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
    if (!(*member)->consent) {
        const bool asked = (change.gender && !change.gender->empty()) || (change.ageBand && !change.ageBand->empty()) ||
                           (change.nationality && !change.nationality->empty()) ||
                           (change.industry && !change.industry->empty()) ||
                           (change.position && !change.position->empty());
        if (asked)
            return fail(ErrorCode::InvalidArgument,
                        "member " + change.member.toString() +
                            " has not consented: gender, age band, nationality, industry and position are not stored");
        p.gender.clear(), p.ageBand.clear(), p.nationality.clear(), p.industry.clear(), p.position.clear();
    }
    p.updatedBy = change.staff;
    p.updatedMs = change.nowMs;
    auto purchases = purchasesOf(tx, change.member);
    if (!purchases)
        return std::move(purchases).error();
    p.derive(*purchases, change.nowMs);
    TL_TRY(p.validate());
    if (!p.nationality.empty() && !isIsoCountry(p.nationality))
        return fail(ErrorCode::InvalidArgument,
                    "profile.nationality: '" + p.nationality + "' is not an ISO 3166-1 alpha-2 country code");
    TL_TRY(publish(tx, change.member, p, hqKey));
    return p;
}

Result<void> MemberProfiles::publish(HqWriteTx &tx, const Uuid &member, const MemberProfile &p, const Ed25519SecretKey &hqKey)
{
    MemberProfileRecord rec{member, p.toJson(), 0};
    const std::string body =
        nlohmann::json{{"member", member.toString()}, {"profile", nlohmann::json::parse(rec.profileJson)}}.dump();
    auto item = tx.appendFeed("profile", member.toString(), body, false, [&](HqFeedItem &i) { signFeedItem(i, hqKey); });
    if (!item)
        return std::move(item).error();
    rec.feedSeq = item->seq;
    return tx.putMemberProfile(rec);
}

Result<bool> MemberProfiles::rederive(HqWriteTx &tx, const Uuid &member, const Ed25519SecretKey &hqKey)
{
    auto stored = show(tx, member);
    if (!stored)
        return std::move(stored).error();
    if (!*stored)
        return false;
    auto purchases = purchasesOf(tx, member);
    if (!purchases)
        return std::move(purchases).error();
    int64_t newest = 0;
    for (const auto &p : *purchases)
        newest = std::max(newest, p.timeMs);
    MemberProfile p = **stored;
    p.derive(*purchases, newest);
    const MemberProfile &was = **stored;
    if (p.usualItems == was.usualItems && p.favouriteCategories == was.favouriteCategories &&
        p.lastVisits == was.lastVisits)
        return false;
    TL_TRY(publish(tx, member, p, hqKey));
    return true;
}

Result<std::optional<MemberProfile>> MemberProfiles::show(HqReadTx &tx, const Uuid &member)
{
    auto rec = tx.memberProfile(member);
    if (!rec)
        return std::move(rec).error();
    if (!*rec)
        return std::optional<MemberProfile>{};
    auto p = MemberProfile::parse((*rec)->profileJson);
    if (!p)
        return fail(ErrorCode::Corrupt, "stored profile of " + member.toString() + ": " + p.error().message);
    return std::optional<MemberProfile>{std::move(*p)};
}

} // namespace tapledger::sync
