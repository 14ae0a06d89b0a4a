/*
 * jxmb in WPS 表格 (WPS加载项): the ribbon's callbacks. WPS loads index.html, which loads this file;
 * ribbon.xml names the callbacks, which must be global functions. They are plain and synchronous:
 * WPS builds 12.1.0.23542 / 12.1.0.23539 did not show a ribbon whose callbacks were `async`
 * (tmustier/pi-for-excel docs/wps-support.md). ES5 only: no build step touches this file.
 */
/* exported OnAddinLoad, OnAction, GetImage */
var JXMB_PANE_KEY = 'jxmb_taskpane_id';

/** the folder this add-in was loaded from (online: its URL; offline: the jsaddons folder) */
function JxmbBaseUrl() {
  var url = decodeURI(String(document.location));
  var cut = url.indexOf('?');
  if (cut >= 0) url = url.substring(0, cut);
  return url.substring(0, url.lastIndexOf('/'));
}

function OnAddinLoad(ribbonUI) {
  if (typeof window.Application.ribbonUI !== 'object') window.Application.ribbonUI = ribbonUI;
  return true;
}

/** the 打开助手 button: show the task pane, or hide it when it is shown */
function OnAction(control) {
  if (control.Id !== 'jxmbOpenPane') return true;
  var app = window.Application;
  var id = app.PluginStorage.getItem(JXMB_PANE_KEY);
  if (id) {
    var pane = app.GetTaskPane(id);
    if (pane) {
      pane.Visible = !pane.Visible;
      return true;
    }
  }
  var created = app.CreateTaskPane(JxmbBaseUrl() + '/taskpane.html', '绩效目标表助手');
  app.PluginStorage.setItem(JXMB_PANE_KEY, created.ID);
  created.Visible = true;
  return true;
}

function GetImage() {
  return 'images/icon-80.png';
}
