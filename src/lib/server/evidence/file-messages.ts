// What a person is told when a file is refused, in GOV.UK file-upload wording.

export const ACCEPTED_TYPES = 'PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, GIF, WebP, text or CSV';
export const NOT_ACCEPTED = `The selected file must be a ${ACCEPTED_TYPES} file`;
export const EMPTY_FILE = 'The selected file is empty';
export const HAS_MACROS = 'The selected file must not contain macros: save it as a Word, Excel or PowerPoint file without macros';
export const PASSWORD_PROTECTED = 'The selected file is password protected';
