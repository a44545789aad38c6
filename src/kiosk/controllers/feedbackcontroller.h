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

public:
    explicit FeedbackController(QObject *parent = nullptr);
    QStringList categories() const;

    /// Records @p rating (1..5, 0 = none), @p category ("" or one of categories) and @p text
    /// (≤ 500 bytes). Emits submitted() or sets the error.
    Q_INVOKABLE bool submit(int rating, const QString &category, const QString &text);

Q_SIGNALS:
    void submitted();
};

} // namespace tapledger::kiosk
