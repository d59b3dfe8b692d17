// Entry of the playbook form page (dist/webview/playbook.js): the shell's <pb-app> is the form.
import { PlaybookApp } from '../playbook/playbookApp';

customElements.define('pb-app', PlaybookApp);
