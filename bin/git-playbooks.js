#!/usr/bin/env node
'use strict';
// Works as `git playbooks …` too: git runs `git-playbooks` from PATH for the subcommand `playbooks`.
require('../dist/cli.js').main();
