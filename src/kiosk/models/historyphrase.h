#pragma once

#include "core/ledger/ledgerentry.h"

#include <QCoreApplication>
#include <QString>

namespace tapledger::kiosk {

class EngineService;

/// The history screen's words for one ledger entry, for a guest: a plain headline without rule
/// ids, entry numbers or formulas ("Points for your purchase", "Reward: Mango pudding",
/// "Purchase ¥342.40 by Mobile pay · 20% off" / 八折), the balance change of the line, and the
/// auditor's reference shown on tap (entry number, every rule id and version it names). The
/// full explanation with the inputs stays the engine's (Engine::explain). Texts in the screen
/// language (tr(), policy words through EngineService::text).
class HistoryPhrase
{
    Q_DECLARE_TR_FUNCTIONS(HistoryPhrase)

public:
    /// The plain headline of @p entry; money formatted by @p svc (policy currency sign).
    static QString headline(const LedgerEntry &entry, const EngineService &svc);
    /// The balance change: "+34 pts", "-¥342.40", both ("+¥10.00 · -100 pts"); "" when the
    /// entry changes no balance.
    static QString change(const LedgerEntry &entry, const EngineService &svc);
    /// "Entry #88 · rule club-20 v1 · offer birthday v1 · refers to #12" from the entry's seq and
    /// refs ("rule:<id>@<v>", "offer:<source>:<id>@<v>", "entry:<kiosk>:<seq>"; others verbatim).
    static QString reference(const LedgerEntry &entry);
    /// A discount rate (Rational text "1/5", "0.15" never: rates are rationals) as the guest
    /// reads it: "20% off" in English, "8折" in Chinese (the translation picks {zhe}). "" for a
    /// malformed rate.
    static QString discount(const QString &rate);
};

} // namespace tapledger::kiosk
