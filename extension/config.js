// The factbase this extension asks, by its base URL (no trailing slash). Change it to
// your desk's public address before loading the extension.
window.FACTBASE_URL = "http://127.0.0.1:8000";
