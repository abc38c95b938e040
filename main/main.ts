/** Electron main process entry. */
import { app } from 'electron';
import { startDesktopGateway } from './start-desktop-gateway.js';

void startDesktopGateway(app);
