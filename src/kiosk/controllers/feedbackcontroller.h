#pragma once

#include "controllers/controllerbase.h"

#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace tapledger::kiosk {

/// The feedback screen: a 1–5 rating and/or a complaint category with free text, recorded as a
/// Feedback ledger entry for HQ.
class FeedbackController : public ControllerBase
{
    Q_OBJECT
    QML_ELEMENT
    /// The policy's complaint categories ("food", "service", …).
    Q_PROPERTY(QStringList categories READ categories NOTIFY servicesChanged)
    /// The configuration's `[kiosk] venue_type`: "hotel", "restaurant", "club", "shop", or "" (not
    /// set, or unknown: neutral wording).
    Q_PROPERTY(QString venueType READ venueType WRITE setVenueType NOTIFY venueTypeChanged)

public:
    explicit FeedbackController(QObject *parent = nullptr);
    QStringList categories() const;
    QString venueType() const { return m_venueType; }
    void setVenueType(const QString &type);

    /// The rating question that fits the venue, in the UI language ("How was your stay?" at a
    /// hotel, "How was your meal?" at a restaurant; "How was your visit?" without a venue type).
    /// @p language ("zh_CN", "en") and @p venueType are not read: passing LanguageService.language
    /// and the controller's venueType makes the QML binding re-evaluate on a language switch and
    /// once the configuration's venue type is set (it may be set after the binding first ran).
    Q_INVOKABLE QString question(const QString &language = {}, const QString &venueType = {}) const;

    /// Records @p rating (1..5, 0 = none), @p category ("" or one of categories) and @p text
    /// (≤ 500 bytes). Emits submitted() or sets the error.
    Q_INVOKABLE bool submit(int rating, const QString &category, const QString &text);

Q_SIGNALS:
    void submitted();
    void venueTypeChanged();

private:
    QString m_venueType;
};

} // namespace tapledger::kiosk
