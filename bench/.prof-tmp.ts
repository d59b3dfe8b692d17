import { RepositoryIndex } from '/work/main/src/core/index/repositoryIndex';
import { Layout } from '/work/main/src/core/repository/layout';
import { PlaybooksRepository } from '/work/main/src/core/repository/playbooksRepository';
const index = new RepositoryIndex(new PlaybooksRepository(new Layout(process.argv[2] ?? '')));
index.refresh();
if (process.argv[3] === 'warm') for (let i = 0; i < 15; i += 1) index.refresh();
