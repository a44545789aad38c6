#include "core/uuid.h"

#include <gtest/gtest.h>

#include <set>

using namespace tapledger;

TEST(Uuid, GeneratesVersion4AndRoundTrips)
{
    std::set<Uuid> seen;
    for (int i = 0; i < 1000; ++i) {
        const Uuid id = Uuid::generate();
        EXPECT_EQ(id.bytes()[6] >> 4, 4);
        EXPECT_EQ(id.bytes()[8] & 0xc0, 0x80);
        EXPECT_FALSE(id.isNil());
        EXPECT_EQ(*Uuid::parse(id.toString()), id);
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 1000u);
}

TEST(Uuid, ParseTable)
{
    EXPECT_EQ(Uuid::parse("0B7C5D2E-1F3A-4B6C-8D9E-0F1A2B3C4D5E")->toString(), "0b7c5d2e-1f3a-4b6c-8d9e-0f1a2b3c4d5e");
    EXPECT_TRUE(Uuid::parse("00000000-0000-0000-0000-000000000000")->isNil());
    for (const char *bad : {"", "0b7c5d2e1f3a4b6c8d9e0f1a2b3c4d5e", "0b7c5d2e-1f3a-4b6c-8d9e-0f1a2b3c4d5", "0b7c5d2e-1f3a-4b6c-8d9e-0f1a2b3c4d5eX",
                            "0b7c5d2e-1f3a-4b6c-8d9e_0f1a2b3c4d5e", "zb7c5d2e-1f3a-4b6c-8d9e-0f1a2b3c4d5e"})
        EXPECT_FALSE(Uuid::parse(bad).ok()) << bad;
}
