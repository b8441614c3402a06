import type { Answer } from './answers';
import { ItemView } from './ItemView';
import type { Project, Assignment } from './types';
import { BoxesWidget } from './widgets/BoxesWidget';
import { ClassificationWidget } from './widgets/ClassificationWidget';
import { MultiLabelWidget } from './widgets/MultiLabelWidget';
import { SpansWidget } from './widgets/SpansWidget';
import { TextWidget } from './widgets/TextWidget';

export interface AnswerEditorProps {
  project: Project;
  assignment: Assignment;
  answer: Answer;
  onChange: (answer: Answer, options?: { merge?: string }) => void;
  imageSrc: string | undefined;
  disabled: boolean;
}

function size(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

/** The item and the widget for the project's type, wired to the workspace's answer. */
export function AnswerEditor({ project, assignment, answer, onChange, imageSrc, disabled }: AnswerEditorProps) {
  const { data } = assignment.item;
  switch (answer.type) {
    case 'classification':
      return (
        <>
          <ItemView data={data} imageSrc={imageSrc} />
          <ClassificationWidget
            labels={project.labels}
            value={answer.label}
            onChange={(label) => onChange({ type: 'classification', label })}
            disabled={disabled}
          />
        </>
      );
    case 'multilabel':
      return (
        <>
          <ItemView data={data} imageSrc={imageSrc} />
          <MultiLabelWidget
            labels={project.labels}
            value={answer.labels}
            onChange={(labels) => onChange({ type: 'multilabel', labels })}
            disabled={disabled}
          />
        </>
      );
    case 'spans':
      return (
        <SpansWidget
          key={assignment.assignmentId}
          text={typeof data.text === 'string' ? data.text : ''}
          labels={project.labels}
          value={answer.spans}
          onChange={(spans) => onChange({ type: 'spans', spans })}
          disabled={disabled}
        />
      );
    case 'boxes':
      return (
        <BoxesWidget
          key={assignment.assignmentId}
          src={imageSrc}
          width={size(data.width)}
          height={size(data.height)}
          labels={project.labels}
          value={answer.boxes}
          onChange={(boxes) => onChange({ type: 'boxes', boxes })}
          disabled={disabled}
        />
      );
    case 'text':
      return (
        <>
          <ItemView data={data} imageSrc={imageSrc} />
          <TextWidget value={answer.text} onChange={(text) => onChange({ type: 'text', text }, { merge: 'text' })} disabled={disabled} />
        </>
      );
  }
}
