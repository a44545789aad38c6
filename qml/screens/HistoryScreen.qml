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
            // Plain words, the change and the balance after it; a tap shows the details an
            // auditor checks: the full explanation with its inputs, entry number, rule ids.
            delegate: Rectangle {
                id: row
                required property string time
                required property string text
                required property string headline
                required property string change
                required property string balance
                required property string reference
                property bool open: false
                width: list.width - 20
                height: Math.max(Theme.touch, content.implicitHeight + 16)
                color: open ? Theme.background : Theme.surface
                border.color: Theme.line
                TapHandler { onTapped: row.open = !row.open }
                ColumnLayout {
                    id: content
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    anchors.margins: 10
                    spacing: 4
                    RowLayout {
                        Layout.fillWidth: true
                        Text { text: row.time; font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted; Layout.preferredWidth: 190 }
                        Text {
                            text: row.headline; font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.text
                            Layout.fillWidth: true; wrapMode: Text.Wrap; maximumLineCount: 2; elide: Text.ElideRight
                        }
                        ColumnLayout {
                            spacing: 0
                            Text {
                                Layout.alignment: Qt.AlignRight
                                text: row.change; font.pixelSize: Theme.body; font.family: Theme.font; font.bold: true
                                color: row.change.indexOf("-") >= 0 && row.change.indexOf("+") < 0 ? Theme.bad : Theme.good
                            }
                            Text { Layout.alignment: Qt.AlignRight; text: row.balance; font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted }
                        }
                    }
                    Text {
                        visible: row.open
                        Layout.fillWidth: true
                        Layout.leftMargin: 190
                        wrapMode: Text.Wrap
                        text: row.text + "\n" + row.reference
                        font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.text
                    }
                }
            }
        }
        Text {
            text: qsTr("%n line(s)", "", ctl.lines.totalCount) + " · " + qsTr("Tap a line for its details")
            font.pixelSize: Theme.small
            font.family: Theme.font
            color: Theme.muted
        }
    }
}
