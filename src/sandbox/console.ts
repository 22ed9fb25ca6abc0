/** The web console lives in ./console/; the server routes to it through this name. */
export { handleConsoleRoute } from './console/routes';
