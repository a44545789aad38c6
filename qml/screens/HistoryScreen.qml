import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Explained history lines, newest first, filterable, loaded page by page while scrolling.
Item {
    id: screen
    signal go(string name)
    HistoryController { id: ctl; engineService: EngineService; session: SessionService }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap
        ScreenHeader { Layout.fillWidth: true; title: qsTr("History"); onBack: screen.go("home") }
        RowLayout {
            spacing: 8
            Repeater {
                model: [
                    { key: "all", label: qsTr("All") },
                    { key: "points", label: qsTr("Points") },
                    { key: "value", label: qsTr("Stored value") },
                    { key: "vouchers", label: qsTr("Vouchers") },
                    { key: "other", label: qsTr("Other") }
                ]
                BigButton {
                    required property var modelData
                    implicitWidth: 170
                    primary: ctl.lines.filter === modelData.key
                    text: modelData.label
                    onClicked: ctl.lines.filter = modelData.key
                }
            }
        }
        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: ctl.lines
            ScrollBar.vertical: ScrollBar { width: 16 }
            delegate: Rectangle {
                required property string time
                required property string text
                width: list.width - 20
                height: Math.max(64, line.implicitHeight + 20)
                color: Theme.surface
                border.color: Theme.line
                RowLayout {
                    anchors.fill: parent
                    anchors.margins: 10
                    Text { text: time; font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted; Layout.preferredWidth: 200 }
                    Text {
                        id: line
                        text: parent.parent.text; font.pixelSize: Theme.body - 2; font.family: Theme.font; color: Theme.text
                        Layout.fillWidth: true; wrapMode: Text.Wrap; maximumLineCount: 3; elide: Text.ElideRight
                    }
                }
            }
        }
        Text {
            text: qsTr("%n line(s)", "", ctl.lines.totalCount)
            font.pixelSize: Theme.small
            font.family: Theme.font
            color: Theme.muted
        }
    }
}
