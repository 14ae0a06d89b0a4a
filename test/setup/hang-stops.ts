/**
 * Testing Library's waits (waitFor, findBy…) give up after 1 s by default: on a busy CI machine a
 * pane that is merely slow would fail. Their limit is a hang-stop, like jest's testTimeout, so it is
 * as generous; the waits still end as soon as their condition holds.
 */
import { configure } from '@testing-library/dom';

configure({ asyncUtilTimeout: 60_000 });
