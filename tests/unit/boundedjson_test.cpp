// parseBoundedJson (core/boundedjson.h): the nesting limit of JSON from untrusted bytes.
#include "core/boundedjson.h"

#include <gtest/gtest.h>

#include <string>

using namespace tapledger;

namespace {

/// An object holding @p levels - 1 nested arrays: @p levels levels in all.
std::string nested(size_t levels)
{
    return "{\"a\":" + std::string(levels - 1, '[') + std::string(levels - 1, ']') + "}";
}

TEST(BoundedJson, RefusesOnlyWhatIsNestedPastTheLimit)
{
    enum class Outcome { Value, TooDeep, NotJson };
    const struct
    {
        const char *name;
        std::string text;
        size_t maxDepth;
        Outcome outcome;
    } cases[] = {
        {"scalar at limit 0", "1", 0, Outcome::Value},
        {"empty object at limit 1", "{}", 1, Outcome::Value},
        {"empty object at limit 0", "{}", 0, Outcome::TooDeep},
        {"object in array at limit 2", "[{}]", 2, Outcome::Value},
        {"object in array at limit 1", "[{}]", 1, Outcome::TooDeep},
        {"64 levels at 64", nested(64), 64, Outcome::Value},
        {"65 levels at 64", nested(65), 64, Outcome::TooDeep},
        {"wide but shallow", "{\"a\":[1,2,3],\"b\":{\"c\":[]},\"d\":[[],[]]}", 3, Outcome::Value},
        {"100,000 levels at 64", std::string(100'000, '[') + std::string(100'000, ']'), 64, Outcome::TooDeep},
        {"unclosed, 100,000 levels", std::string(100'000, '['), 64, Outcome::TooDeep},
        {"not JSON", "{\"a\":", 64, Outcome::NotJson},
        {"trailing bytes", "{} x", 64, Outcome::NotJson},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        const auto j = parseBoundedJson(c.text, c.maxDepth);
        switch (c.outcome) {
        case Outcome::Value:
            ASSERT_TRUE(j.has_value());
            EXPECT_FALSE(j->is_discarded());
            EXPECT_EQ(*j, nlohmann::json::parse(c.text));
            break;
        case Outcome::TooDeep:
            EXPECT_FALSE(j.has_value());
            break;
        case Outcome::NotJson:
            ASSERT_TRUE(j.has_value());
            EXPECT_TRUE(j->is_discarded());
            break;
        }
    }
}

} // namespace
