import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// The catalogue, affordable rewards first; variable rewards let the member choose the points.
Item {
    id: screen
    signal go(string name)
    signal pick(string reward, int points)
    RewardsController { id: ctl; engineService: EngineService; session: SessionService; cards: CardService }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap
        ScreenHeader { Layout.fillWidth: true; title: qsTr("Rewards · you have %1 pts").arg(ctl.points); onBack: screen.go("home") }
        ListView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 8
            model: ctl.rewards
            delegate: Rectangle {
                id: row
                required property string rewardId
                required property string name
                required property int points
                required property string cash
                required property bool affordable
                required property bool variable
                required property int minPoints
                required property int maxPoints
                required property int step
                required property int missing
                required property int reachableMax
                required property string stockText
                required property bool outOfStock
                required property bool redeemable
                width: ListView.view.width
                // Grows with the lines it shows (stock, points missing).
                height: Math.max(Theme.touch + 24, content.implicitHeight + 20)
                radius: Theme.radius
                border.color: Theme.line
                color: redeemable ? Theme.surface : Theme.background
                RowLayout {
                    id: content
                    anchors.fill: parent
                    anchors.margins: 10
                    spacing: Theme.gap
                    ColumnLayout {
                        Layout.fillWidth: true
                        Text { Layout.fillWidth: true; elide: Text.ElideRight; text: row.name; font.pixelSize: Theme.body; font.family: Theme.font; font.bold: true; color: Theme.text }
                        Text {
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                            text: row.variable ? (row.affordable ? qsTr("%1–%2 pts, you choose").arg(row.minPoints).arg(row.reachableMax)
                                                                 : qsTr("From %1 pts").arg(row.minPoints))
                                               : (row.cash.length > 0 ? qsTr("%1 pts + %2").arg(row.points).arg(row.cash) : qsTr("%1 pts").arg(row.points))
                            font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted
                        }
                        Text {
                            objectName: "rewardStock"
                            visible: row.stockText.length > 0
                            Layout.fillWidth: true
                            text: row.stockText
                            font.pixelSize: Theme.small; font.family: Theme.font; font.bold: row.outOfStock; color: row.outOfStock ? Theme.text : Theme.muted
                        }
                        Text {
                            objectName: "rewardMissing"
                            visible: !row.affordable
                            Layout.fillWidth: true
                            text: qsTr("%1 more points needed").arg(row.missing)
                            font.pixelSize: Theme.small; font.family: Theme.font; font.bold: true; color: Theme.text
                        }
                    }
                    SpinBox {
                        id: chosen
                        visible: row.variable
                        from: row.minPoints
                        to: row.reachableMax
                        stepSize: row.step
                        value: row.minPoints
                        font.pixelSize: Theme.body
                        implicitHeight: Theme.touch - 8
                        implicitWidth: 220
                    }
                    BigButton {
                        text: qsTr("Redeem")
                        visible: row.redeemable
                        onClicked: {
                            screen.pick(row.rewardId, row.variable ? chosen.value : 0)
                            screen.go("redeem")
                        }
                    }
                }
            }
        }
    }
}
