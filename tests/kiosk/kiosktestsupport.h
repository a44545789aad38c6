#pragma once

#include "core/engine/policy.h"
#include "core/uuid.h"

#include <QString>
#include <gtest/gtest.h>
#include <ostream>

/// Readable QStrings in GoogleTest failure messages.
QT_BEGIN_NAMESPACE
inline void PrintTo(const QString &s, std::ostream *os)
{
    *os << '"' << s.toStdString() << '"';
}
QT_END_NAMESPACE

namespace tapledger::test {

/// The staff the kiosk fixtures register: a cashier and a supervisor, with their PINs.
inline const Uuid kCashier = *Uuid::parse("00000000-0000-4000-8000-00000000c001");
inline const Uuid kSupervisor = *Uuid::parse("00000000-0000-4000-8000-00000000c002");
inline constexpr const char *kCashierPin = "2468";
inline constexpr const char *kSupervisorPin = "1357";
/// The PIN of every member the kiosk tests enrol.
inline constexpr const char *kMemberPin = "4321";
/// Upper bound in ms for a card job or a queued result; never an assertion on speed.
inline constexpr int kWaitMs = 5000;

/// docs/examples/hotel-restaurant.policy.json with a cheap scrypt cost (the rules are the same);
/// fails the test and returns an empty Policy when it does not parse.
Policy examplePolicy();

/// Registers the GoogleTest environment that holds the QCoreApplication the kiosk services need
/// (timers, queued card results), named @p appName; it is made once, after testmain.cpp pinned TZ
/// and locale. Call it from a namespace-scope initialiser of one source file per test binary.
::testing::Environment *addQtAppEnvironment(const char *appName);

} // namespace tapledger::test
