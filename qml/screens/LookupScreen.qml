import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Find a member without a card: by name, phone or membership number.
Item {
    id: screen
    signal go(string name)
    LookupController { id: ctl; engineService: EngineService; session: SessionService; onOpened: screen.go("staff-menu") }
    MemberProfileController { id: profile; objectName: "memberProfile"; engineService: EngineService; session: SessionService }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap
        ScreenHeader { Layout.fillWidth: true; title: qsTr("Find member"); onBack: screen.go("staff-menu") }
        RowLayout {
            spacing: Theme.gap
            TextField { id: query; Layout.preferredWidth: 600; implicitHeight: Theme.touch; font.pixelSize: Theme.body; placeholderText: qsTr("Name, phone or membership number"); onAccepted: { profile.memberId = ""; ctl.search(text) } }
            BigButton { text: qsTr("Search"); onClicked: { profile.memberId = ""; ctl.search(query.text) } }
        }
        ErrorBanner { Layout.fillWidth: true; title: ctl.errorTitle; detail: ctl.errorDetail }
        RowLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        spacing: Theme.gap
        ListView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 6
            model: ctl.results
            Text {
                objectName: "lookupHint"
                visible: parent.count === 0
                width: parent.width
                wrapMode: Text.Wrap
                text: qsTr("Type part of a name, a phone number or a membership number. Chinese names can also be found by pinyin (liwei) or its initials (lw).")
                font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted
            }
            delegate: Rectangle {
                required property int index
                required property string name
                required property string phone
                required property string handle
                required property string tierName
                width: ListView.view.width
                height: Theme.touch + 8
                color: Theme.surface
                border.color: profile.memberId !== "" && profile.memberId === ctl.memberIdAt(index) ? Theme.primary : Theme.line
                border.width: profile.memberId !== "" && profile.memberId === ctl.memberIdAt(index) ? 3 : 1
                MouseArea { anchors.fill: parent; onClicked: profile.memberId = ctl.memberIdAt(index) }
                radius: Theme.radius
                RowLayout {
                    anchors.fill: parent
                    anchors.margins: 8
                    Text { Layout.fillWidth: true; text: [name, phone, handle, EngineService.text(tierName, LanguageService.language)].filter(part => part.length > 0).join(" · "); font.pixelSize: Theme.body; font.family: Theme.font; elide: Text.ElideRight }
                    BigButton { text: qsTr("Open"); implicitHeight: Theme.touch - 8; onClicked: ctl.open(index) }
                }
            }
        }
        MemberProfilePanel { Layout.preferredWidth: 620; Layout.fillHeight: true; visible: profile.memberId !== ""; profile: profile }
        }
    }
}
