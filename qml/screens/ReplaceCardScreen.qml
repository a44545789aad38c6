import QtQuick
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Replace a lost card: the blank card on the reader becomes the member's card, the old one is blocked.
Item {
    id: screen
    signal go(string name)
    ReplaceCardController { id: ctl; engineService: EngineService; session: SessionService; cards: CardService; onReplaced: screen.go("staff-menu") }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap
        ScreenHeader { Layout.fillWidth: true; title: SessionService.hasMember ? qsTr("Replace lost card of %1").arg(SessionService.memberName) : qsTr("Replace card: no member selected"); onBack: screen.go("staff-menu") }
        Text { text: qsTr("Put a blank card on the reader, then choose the lost card:"); font.pixelSize: Theme.body; font.family: Theme.font }
        Repeater {
            model: ctl.oldCards
            BigButton {
                required property var modelData
                required property int index
                text: qsTr("Lost: card %1").arg(String(modelData.cardId !== undefined ? modelData.cardId : modelData).substring(0, 8))
                enabled: !ctl.busy
                onClicked: ctl.replace(index)
            }
        }
        Text {
            objectName: "replaceHint"
            visible: ctl.oldCards.length === 0
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: SessionService.hasMember ? qsTr("This member has no active card to replace: issue a new card with New member + card.")
                                           : qsTr("Look the member up first (Find member), then come back here.")
            font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted
        }
        ErrorBanner { Layout.fillWidth: true; title: ctl.errorTitle; detail: ctl.errorDetail }
        Item { Layout.fillHeight: true }
    }
}
