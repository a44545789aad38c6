#pragma once

#include "core/engine/engine.h"
#include "core/engine/phrasebook.h"
#include "core/engine/venuecalendar.h"
#include "services/qmlsingleton.h"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace tapledger::kiosk {

/// The loyalty engine (core/engine/engine.h) for the kiosk: one instance, used on the GUI thread
/// only, created in main.cpp. Controllers call engine() for actions and queries and call
/// notifyWritten() after a write so that status and screens refresh. QML sees it as the
/// singleton `EngineService` with read-only ledger facts for the device status screen.
/// It also keeps the engine's texts in the screen language: on every language change (the
/// installed translator changes) it builds a phrasebook (phrasebook()) from the translated
/// explanation templates and the policy's translations, hands it to the engine (history and
/// receipt lines) and emits ledgerChanged so that every screen re-reads its texts.
class EngineService : public QObject, public QmlSingleton<EngineService>
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// Entries in the kiosk ledger.
    Q_PROPERTY(qint64 ledgerHeight READ ledgerHeight NOTIFY ledgerChanged)
    /// Hex SHA-256 of the newest entry ("" when empty).
    Q_PROPERTY(QString headHash READ headHash NOTIFY ledgerChanged)
    /// The kiosk id the ledger was created for.
    Q_PROPERTY(QString kioskId READ kioskId CONSTANT)
    /// ISO 4217 code of the policy currency.
    Q_PROPERTY(QString currency READ currency CONSTANT)
    /// "policy:<id>@<version>".
    Q_PROPERTY(QString policyRef READ policyRef CONSTANT)

public:
    /// Takes the opened engine, the venue calendar of its policy and its clock.
    EngineService(std::unique_ptr<Engine> engine, VenueCalendar calendar, std::shared_ptr<const Clock> clock,
                  QObject *parent = nullptr);
    ~EngineService() override;

    Engine &engine() noexcept { return *m_engine; }
    const Engine &engine() const noexcept { return *m_engine; }
    /// The venue calendar of the policy's IANA zone (DESIGN.md invariant 7).
    const VenueCalendar &calendar() const noexcept { return m_calendar; }

    qint64 ledgerHeight() const;
    QString headHash() const;
    QString kioskId() const;
    QString currency() const;
    QString policyRef() const;

    /// Minor units as the guest knows the amount: the policy currency's narrow symbol (CLDR via
    /// ICU: "¥" for CNY, "£" for GBP, the ISO code when CLDR has none) before the amount with
    /// the policy's exponent and grouping, "¥1,234.50", "-¥20.00".
    Q_INVOKABLE QString money(qint64 minor) const;
    /// The amount without a currency sign ("1,234.50"), for typed amounts and field defaults.
    Q_INVOKABLE QString amount(qint64 minor) const;
    /// The policy currency's narrow symbol ("¥" for CNY; the ISO code when CLDR has none).
    QString currencySymbol() const { return m_symbol; }
    /// Parses a decimal amount in major units of the policy currency ("120", "120.5") into minor
    /// units (core Money::parse: no floats; InvalidArgument for signs, grouping, extra decimals).
    Result<int64_t> parseMoney(const QString &text) const;
    /// UTC ms as local "YYYY-MM-DD HH:MM" in the venue zone.
    Q_INVOKABLE QString localDateTime(qint64 ms) const;
    /// UTC ms as local "YYYY-MM-DD" in the venue zone.
    Q_INVOKABLE QString localDate(qint64 ms) const;
    /// Now (the engine clock), UTC ms.
    qint64 nowMs() const;

    /// Tells every listener that entries were written (also sent when the screen language changed:
    /// explanations and policy texts read again then come out in the new language).
    void notifyWritten();

    /// The phrasebook of the screen language (empty = English).
    const Phrasebook &phrasebook() const noexcept { return m_phrasebook; }
    /// A policy text (reward, tier or item name, offer title, category, pay method) or engine
    /// term in the screen language; unknown texts come back unchanged. QML passes
    /// `LanguageService.language` as @p language (otherwise unused) so that the binding is
    /// evaluated again after a language switch.
    Q_INVOKABLE QString text(const QString &english, const QString &language = {}) const;
    /// text() as a button or table label: its first letter upper case ("bank card" → "Bank
    /// card"; Chinese unchanged), for the lower-case terms the engine uses inside sentences.
    Q_INVOKABLE QString label(const QString &english, const QString &language = {}) const;
    /// text() of the installed instance (QmlSingleton); @p english itself when none is installed.
    static QString displayText(const std::string &english);
    /// The phrasebook for @p locale ("zh_CN"): every template and term of
    /// core/engine/explainertemplates.h through the installed translators (context "Explainer"),
    /// then the policy's translations for the locale (or its language, "en" for "en_US").
    static Phrasebook buildPhrasebook(const Policy &policy, const QString &locale);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void ledgerChanged();

private:
    void retranslate();

    std::unique_ptr<Engine> m_engine;
    VenueCalendar m_calendar;
    std::shared_ptr<const Clock> m_clock;
    Phrasebook m_phrasebook;
    QString m_symbol;
};

/// Converts a std::string (UTF-8) to QString.
inline QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace tapledger::kiosk
