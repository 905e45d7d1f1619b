// Lint rules for the extension's TypeScript (type-aware) and its plain-JavaScript scripts and tests.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
    { ignores: ["out/**", "server/**", "node_modules/**", "*.vsix"] },
    js.configs.recommended,
    {
        files: ["src/**/*.ts"],
        extends: [...tseslint.configs.strictTypeChecked],
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        rules: {
            "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
            "@typescript-eslint/no-non-null-assertion": "off",
            "eqeqeq": "error",
            "curly": "error",
        },
    },
    {
        files: ["**/*.mjs", "**/*.cjs"],
        languageOptions: { globals: globals.node },
        rules: { "eqeqeq": "error", "curly": "error" },
    },
);
