/** The sign-in pages' style sheet, served from memory so it survives bundling. */
export const SIGN_IN_CSS = `
body {
    margin: 0;
    min-height: 100vh;
    display: flex;
    align-items: center;
    justify-content: center;
    background: #eef1f5;
    font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif;
    color: #1d2630;
}
.card {
    display: flex;
    flex-direction: column;
    width: 320px;
    padding: 28px 32px;
    background: #fff;
    border-radius: 8px;
    box-shadow: 0 2px 12px rgba(0, 0, 0, 0.12);
}
h1 {
    display: flex;
    align-items: center;
    gap: 10px;
    margin: 0 0 18px;
    font-size: 22px;
}
label {
    margin: 10px 0 4px;
    font-weight: 600;
}
input {
    padding: 8px 10px;
    border: 1px solid #b8c2cc;
    border-radius: 4px;
    font: inherit;
}
input:focus {
    outline: 2px solid #2f6fdb;
    border-color: #2f6fdb;
}
button {
    margin-top: 20px;
    padding: 9px;
    border: 0;
    border-radius: 4px;
    background: #2f6fdb;
    color: #fff;
    font: inherit;
    font-weight: 600;
    cursor: pointer;
}
.alert {
    margin: 0 0 6px;
    padding: 8px 10px;
    border-radius: 4px;
    background: #fdecea;
    color: #8a1c12;
}
.hint {
    margin: 0 0 6px;
    color: #56606b;
    font-size: 12px;
}
`;
