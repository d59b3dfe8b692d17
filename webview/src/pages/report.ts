// Entry of the metrics report page (dist/webview/report.js): the shell's <pb-app> is the report.
import { ReportApp } from '../report/reportApp';

customElements.define('pb-app', ReportApp);
