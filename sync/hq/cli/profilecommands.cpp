// `tapledger-hq profile set|show` (docs/crm.md, "Member profiles").
#include "sync/hq/cli/hqcommands.h"

#include "cli/clisupport.h"
#include "core/money.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/crm/memberprofiles.h"
#include "sync/hq/hqdatadir.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <map>

namespace tapledger::sync::cli {

using tapledger::cli::CommandError;
using tapledger::cli::kExitUsage;
using tapledger::cli::orFail;

namespace {
struct ProfileOptions
{
    std::string data, member, staff;
    std::map<std::string, std::string> fields; ///< option name (no dashes) → value given
    bool json = false;
};

/// The fields of `profile set`, option name → the change's member.
const std::vector<std::pair<const char *, std::optional<std::string> ProfileChange::*>> kFields{
    {"type", &ProfileChange::type},
    {"gender", &ProfileChange::gender},
    {"age-band", &ProfileChange::ageBand},
    {"nationality", &ProfileChange::nationality},
    {"industry", &ProfileChange::industry},
    {"position", &ProfileChange::position},
    {"credit-grade", &ProfileChange::creditGrade},
    {"seat", &ProfileChange::seat},
    {"taste", &ProfileChange::taste},
    {"allergies", &ProfileChange::allergies},
    {"notes", &ProfileChange::notes},
};

Uuid memberId(const std::string &text)
{
    auto member = Uuid::parse(text);
    if (!member || member->isNil())
        throw CommandError{kExitUsage, "--member: '" + text + "' is not a member id (uuid)"};
    return *member;
}

void setProfile(const ProfileOptions &o)
{
    ProfileChange change;
    change.member = memberId(o.member);
    change.staff = o.staff;
    change.nowMs = tapledger::cli::nowUtcMillis();
    for (const auto &[name, field] : kFields)
        if (auto given = o.fields.find(name); given != o.fields.end())
            change.*field = given->second;
    auto dir = orFail(HqDataDir::open(o.data));
    const auto key = dir->key();
    MemberProfile p;
    orFail(dir->store().write([&](HqWriteTx &tx) -> Result<void> {
        TL_ASSIGN(p, MemberProfiles::set(tx, change, *key));
        return {};
    }));
    std::cout << "ok: profile of " << o.member << " set by " << p.updatedBy << "; " << p.usualItems.size()
              << " usual items, " << p.favouriteCategories.size() << " favourite categories, " << p.lastVisits.size()
              << " last visits; sent to kiosks at their next sync" << std::endl;
}

std::string joined(const std::vector<std::string> &v)
{
    std::string out;
    for (const auto &s : v)
        out += (out.empty() ? "" : ", ") + s;
    return out.empty() ? "-" : out;
}

void showProfile(const ProfileOptions &o)
{
    const Uuid member = memberId(o.member);
    auto dir = orFail(HqDataDir::open(o.data));
    std::optional<MemberProfile> p;
    orFail(dir->store().read([&](HqReadTx &tx) -> Result<void> {
        auto known = tx.member(member);
        if (!known)
            return std::move(known).error();
        if (!*known)
            return fail(ErrorCode::NotFound, "member " + o.member + " is not known at HQ (no kiosk has synced it)");
        TL_ASSIGN(p, MemberProfiles::show(tx, member));
        return {};
    }));
    if (o.json) {
        std::cout << nlohmann::json{{"member", o.member},
                                    {"profile", p ? nlohmann::json::parse(p->toJson()) : nlohmann::json(nullptr)}}
                         .dump()
                  << std::endl;
        return;
    }
    if (!p) {
        std::cout << "member " << o.member << ": no profile" << std::endl;
        return;
    }
    const HqVenue venue = orFail(HqVenue::load(o.data, dir->store()));
    const VenueCalendar &cal = venue.calendar();
    std::cout << "member " << o.member << ": profile set by " << p->updatedBy << " at " << cal.localDateTime(p->updatedMs)
              << "\n";
    for (const auto &[label, value] :
         {std::pair{"type", &p->type}, std::pair{"gender", &p->gender}, std::pair{"age band", &p->ageBand},
          std::pair{"nationality", &p->nationality}, std::pair{"industry", &p->industry},
          std::pair{"position", &p->position}, std::pair{"credit grade", &p->creditGrade}, std::pair{"seat", &p->seat},
          std::pair{"taste", &p->taste}, std::pair{"allergies", &p->allergies}, std::pair{"notes", &p->notes}})
        std::cout << label << ": " << (value->empty() ? "-" : *value) << "\n";
    std::cout << "usual items: " << joined(p->usualItems) << "\n";
    std::cout << "favourite categories: " << joined(p->favouriteCategories) << "\n";
    for (const MemberProfile::Visit &v : p->lastVisits)
        std::cout << "visit: " << cal.localDateTime(v.timeMs) << " " << v.kiosk << " "
                  << formatMinorUnits(v.amountMinor, venue.currency().exponent()) << "\n";
    std::cout.flush();
}
} // namespace

void addProfileCommands(CLI::App &app)
{
    auto o = std::make_shared<ProfileOptions>();
    auto *profile = app.add_subcommand("profile", "Member profiles and preferences for the kiosks' staff screens");
    profile->require_subcommand(1);

    auto *set = profile->add_subcommand(
        "set", "Set a member's profile fields (\"\" clears one), derive preferences and send it to the kiosks");
    set->add_option("--data", o->data, "HQ directory")->required();
    set->add_option("--member", o->member, "The member's id (uuid)")->required();
    set->add_option("--staff", o->staff, "The HQ operator making the change")->required();
    for (const auto &[name, field] : kFields) {
        (void)field;
        const std::string option = std::string("--") + name;
        set->add_option_function<std::string>(
            option, [o, n = std::string(name)](const std::string &v) { o->fields[n] = v; },
            "Profile field " + std::string(name) + " (docs/crm.md, \"Member profiles\")");
    }
    set->callback([o] { setProfile(*o); });

    auto *show = profile->add_subcommand("show", "Print a member's profile, preferences and last visits");
    show->add_option("--data", o->data, "HQ directory")->required();
    show->add_option("--member", o->member, "The member's id (uuid)")->required();
    show->add_flag("--json", o->json, "One JSON object instead of text lines");
    show->callback([o] { showProfile(*o); });
}

} // namespace tapledger::sync::cli
