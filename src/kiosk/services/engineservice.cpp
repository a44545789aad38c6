#include "services/engineservice.h"

#include "core/bytes.h"
#include "core/money.h"
#include "core/engine/explainer.h"
#include "core/engine/explainertemplates.h"

#include <QCoreApplication>
#include <QEvent>
#include <QLocale>

#include <unicode/ucurr.h>

using namespace Qt::StringLiterals;

namespace tapledger::kiosk {

namespace {
// CLDR's narrow symbol is the sign people at the counter use ("¥", not "CN¥" or "CNY"). ICU
// answers with the ISO code itself for a currency it has no symbol for.
QString narrowSymbol(const QString &isoCode)
{
    if (isoCode.size() != 3)
        return isoCode;
    const std::u16string code = isoCode.toStdU16String();
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    const UChar *name = ucurr_getName(code.c_str(), "root", UCURR_NARROW_SYMBOL_NAME, nullptr, &length, &status);
    if (U_FAILURE(status) || !name || length <= 0)
        return isoCode;
    return QString(reinterpret_cast<const QChar *>(name), length);
}
} // namespace

EngineService::EngineService(std::unique_ptr<Engine> engine, VenueCalendar calendar,
                             std::shared_ptr<const Clock> clock, QObject *parent)
    : QObject(parent), m_engine(std::move(engine)), m_calendar(std::move(calendar)), m_clock(std::move(clock))
{
    // QCoreApplication sends LanguageChange to itself, synchronously, whenever a translator is
    // installed or removed (LanguageService's switch): the one moment the texts must be rebuilt.
    if (QCoreApplication::instance())
        QCoreApplication::instance()->installEventFilter(this);
    m_symbol = narrowSymbol(currency());
    retranslate();
}

EngineService::~EngineService() = default;

qint64 EngineService::ledgerHeight() const
{
    return static_cast<qint64>(m_engine->ledger().size());
}

QString EngineService::headHash() const
{
    if (m_engine->ledger().size() == 0)
        return {};
    return qs(toHex(m_engine->ledger().headHash()));
}

QString EngineService::kioskId() const
{
    return qs(m_engine->ledger().kioskId());
}

QString EngineService::currency() const
{
    return qs(m_engine->policy().currency);
}

QString EngineService::policyRef() const
{
    return qs(m_engine->policy().ref());
}

QString EngineService::money(qint64 minor) const
{
    return qs(m_phrasebook.money(minor, m_engine->policy().exponent));
}

QString EngineService::amount(qint64 minor) const
{
    return qs(formatAmount(minor, m_engine->policy().exponent));
}

Result<int64_t> EngineService::parseMoney(const QString &text) const
{
    auto currency = Currency::fromCode(m_engine->policy().currency);
    if (!currency)
        return std::move(currency).error();
    auto money = Money::parse(text.trimmed().toStdString(), *currency);
    if (!money)
        return std::move(money).error();
    return money->minor();
}

QString EngineService::localDateTime(qint64 ms) const
{
    return qs(m_calendar.localDateTime(ms));
}

QString EngineService::localDate(qint64 ms) const
{
    return qs(m_calendar.localDate(ms));
}

qint64 EngineService::nowMs() const
{
    return m_clock->nowMs();
}

void EngineService::notifyWritten()
{
    Q_EMIT ledgerChanged();
}

QString EngineService::text(const QString &english, const QString &language) const
{
    Q_UNUSED(language)
    return qs(m_phrasebook.phrase(english.toStdString()));
}

QString EngineService::label(const QString &english, const QString &language) const
{
    QString t = text(english, language);
    if (!t.isEmpty() && t.front().isLower())
        t.front() = t.front().toUpper();
    return t;
}

QString EngineService::displayText(const std::string &english)
{
    return instance() ? qs(instance()->m_phrasebook.phrase(english)) : qs(english);
}

Phrasebook EngineService::buildPhrasebook(const Policy &policy, const QString &locale)
{
    Phrasebook book;
    for (const char *english : phrase::explainerPhrases()) {
        const QString localized = QCoreApplication::translate("Explainer", english);
        if (localized != QLatin1StringView(english))
            book.add(english, localized.toStdString());
    }
    const std::string name = locale.toStdString();
    const std::string language = name.substr(0, name.find('_'));
    const auto &tables = policy.translations;
    if (auto it = tables.find(tables.count(name) ? name : language); it != tables.end())
        book.addAll(it->second);
    return book;
}

bool EngineService::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && watched == QCoreApplication::instance()) {
        retranslate();
        Q_EMIT ledgerChanged();
    }
    return QObject::eventFilter(watched, event);
}

void EngineService::retranslate()
{
    m_phrasebook = buildPhrasebook(m_engine->policy(), QLocale().name());
    m_phrasebook.setCurrencySymbol(m_symbol.toStdString()); // explanations show amounts as money() does
    m_engine->setPhrasebook(m_phrasebook);
}

} // namespace tapledger::kiosk
