// The run editor page (src/webviews/runEditorPanel.ts hosts it): Overview, Checklists, Timeline, Retrospective.
import { startRunPage } from '../run/runApp';
import { adoptRunStyles } from '../run/runStyles';

adoptRunStyles();
startRunPage();
