#pragma once

#include "controllers/controllerbase.h"
#include "models/historymodel.h"

#include <QtQml/qqmlregistration.h>

namespace tapledger::kiosk {

/// The history screen: the member's explained lines, newest first, filterable by group, paged.
class HistoryController : public ControllerBase
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(tapledger::kiosk::HistoryModel *lines READ lines CONSTANT)

public:
    explicit HistoryController(QObject *parent = nullptr);
    HistoryModel *lines() { return &m_lines; }

protected:
    void refresh() override;
    void clear() override;

private:
    HistoryModel m_lines;
};

} // namespace tapledger::kiosk
