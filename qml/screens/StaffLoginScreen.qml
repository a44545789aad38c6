import QtQuick
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// A staff card was tapped: its PIN opens the staff menu.
Item {
    id: screen
    signal go(string name)
    StaffLoginController { id: ctl; engineService: EngineService; session: SessionService; onFailed: pad.clear() }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap
        ScreenHeader { Layout.fillWidth: true; title: qsTr("Staff login: %1").arg(ctl.pendingName); onBack: ctl.cancel() }
        ErrorBanner { Layout.fillWidth: true; title: ctl.errorTitle; detail: ctl.errorDetail }
        PinPad { id: pad; Layout.alignment: Qt.AlignHCenter; onSubmitted: pin => ctl.login(pin) }
    }
}
