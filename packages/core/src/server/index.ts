// The framework-free server handler lives here (issue 4).
export {};
