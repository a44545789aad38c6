#include "core/card.h"
#include "core/member.h"

#include <gtest/gtest.h>

using namespace tapledger;

namespace {
Member goodMember()
{
    return Member{Uuid::generate(), "Li Wei 李伟", "+8613800138000", "1990-02-28", true, 1795456676308};
}
Card goodCard()
{
    return Card{Uuid::generate(), {0x04, 0x78, 0x2E, 0x21, 0x80, 0x1D, 0x80}, Uuid::generate(),
                Card::Kind::Member, Card::Role::None, Card::Status::Active, 1795456676308};
}
} // namespace

TEST(Member, ValidationTable)
{
    EXPECT_TRUE(goodMember().validate().ok());
    struct Case
    {
        const char *name;
        void (*mutate)(Member &);
        const char *expect;
    };
    const Case cases[] = {
        {"nil id", [](Member &m) { m.id = Uuid(); }, "no id"},
        {"empty name", [](Member &m) { m.name.clear(); }, "name"},
        {"control char", [](Member &m) { m.name = "Li\nWei"; }, "control"},
        {"phone without plus", [](Member &m) { m.phone = "13800138000"; }, "E.164"},
        {"phone with letters", [](Member &m) { m.phone = "+86138abc8000"; }, "E.164"},
        {"feb 30", [](Member &m) { m.birthday = "1990-02-30"; }, "birthday"},
        {"not a date", [](Member &m) { m.birthday = "28/02/1990"; }, "birthday"},
    };
    for (const auto &c : cases) {
        Member m = goodMember();
        c.mutate(m);
        auto r = m.validate();
        ASSERT_FALSE(r.ok()) << c.name;
        EXPECT_NE(r.error().message.find(c.expect), std::string::npos) << c.name << ": " << r.error().message;
    }
    Member optional = goodMember();
    optional.phone.clear();
    optional.birthday.clear();
    EXPECT_TRUE(optional.validate().ok());
}

TEST(Card, ValidationTableAndRoles)
{
    EXPECT_TRUE(goodCard().validate().ok());
    Card staff = goodCard();
    staff.kind = Card::Kind::Staff;
    EXPECT_FALSE(staff.validate().ok()) << "a staff card needs a role";
    staff.role = Card::Role::Supervisor;
    EXPECT_TRUE(staff.validate().ok());
    Card memberWithRole = goodCard();
    memberWithRole.role = Card::Role::Admin;
    EXPECT_FALSE(memberWithRole.validate().ok());
    for (size_t len : {0u, 3u, 5u, 8u, 11u}) {
        Card c = goodCard();
        c.uid.assign(len, 0x04);
        EXPECT_FALSE(c.validate().ok()) << len;
    }
    Card blocked = goodCard();
    blocked.status = Card::Status::Blocked;
    EXPECT_TRUE(blocked.validate().ok());
    EXPECT_FALSE(blocked.usable());
    for (auto role : {Card::Role::None, Card::Role::Cashier, Card::Role::Supervisor, Card::Role::Admin})
        EXPECT_EQ(*cardRoleFromName(cardRoleName(role)), role);
    EXPECT_FALSE(cardRoleFromName("manager").ok());
}
